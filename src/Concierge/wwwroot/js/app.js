// The agent UI's live layer (plain JavaScript, no build step). Pages are rendered on the server; this script
//  - keeps the inbox live: it listens on /agent/live and, when something changes, re-renders the panes marked
//    data-live-pane from a fresh server render of the same URL (the server stays the single source of truth);
//  - submits forms marked data-live-form in the background, so replying never reloads the page;
//  - shows the customer's typing indicator and sends the agent's own;
//  - Enter sends, Shift+Enter adds a line.
(function () {
  "use strict";
  document.cookie = "tz=" + (-new Date().getTimezoneOffset()) + ";path=/;max-age=31536000;samesite=lax";

  document.addEventListener("click", function (e) {
    var b = e.target.closest && e.target.closest("[data-confirm]");
    if (b && !confirm(b.getAttribute("data-confirm"))) e.preventDefault();
  });

  // "Insert" on a suggested answer puts it in the composer to edit before sending.
  document.addEventListener("click", function (e) {
    var b = e.target.closest && e.target.closest("[data-insert]");
    if (!b) return;
    var t = document.querySelector("[data-typing-source]");
    if (!t) return;
    t.value = t.value.trim() ? t.value.trim() + "\n" + b.getAttribute("data-insert") : b.getAttribute("data-insert");
    t.dispatchEvent(new Event("input", { bubbles: true }));
    t.focus();
  });

  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if (e.key !== "Enter" || e.shiftKey || e.isComposing || !t.matches || !t.matches("textarea[data-enter-submit]")) return;
    e.preventDefault();
    if (cannedPick(t)) return;
    if (t.value.trim() && t.form) t.form.requestSubmit();
  });

  // A select marked data-autosubmit submits its form when changed (the presence switch).
  document.addEventListener("change", function (e) {
    var form = e.target.closest && e.target.closest("form[data-autosubmit]");
    if (form) form.requestSubmit();
  });

  // Reply / internal note: one composer, two modes; a note is styled differently so nobody sends it to the customer by mistake.
  document.addEventListener("click", function (e) {
    var b = e.target.closest && e.target.closest("[data-compose-mode]");
    if (!b) return;
    setComposeMode(b.closest("form"), b.getAttribute("data-compose-mode"));
    var t = b.closest("form").querySelector("textarea"); if (t) t.focus();
  });
  function composeMode(form) { var f = form.querySelector("[data-compose-mode-field]"); return f && f.value === "note" ? "note" : "reply"; }
  function setComposeMode(form, mode) {
    form.querySelectorAll("[data-compose-mode]").forEach(function (x) { x.classList.toggle("active", x.getAttribute("data-compose-mode") === mode); });
    var field = form.querySelector("[data-compose-mode-field]"); if (field) field.value = mode;
    form.classList.toggle("composer-note", mode === "note");
    var t = form.querySelector("textarea");
    if (t) {
      if (!t.getAttribute("data-placeholder-reply")) t.setAttribute("data-placeholder-reply", t.placeholder);
      t.placeholder = t.getAttribute(mode === "note" ? "data-placeholder-note" : "data-placeholder-reply");
    }
  }

  // Saved replies: typing "/ref" in the composer offers the matching canned responses, already filled for this customer.
  function cannedList(t) { try { return JSON.parse(t.getAttribute("data-canned") || "[]"); } catch (x) { return []; } }
  function cannedPop(t) { return t.form && t.form.querySelector("[data-canned-pop]"); }
  function cannedShow(t) {
    var pop = cannedPop(t); if (!pop) return;
    var m = /^\/([^\s]*)$/.exec(t.value);
    if (!m) { pop.hidden = true; return; }
    var q = m[1].toLowerCase();
    var items = cannedList(t).filter(function (c) { return c.s.indexOf(q) === 0 || c.t.toLowerCase().indexOf(q) >= 0; }).slice(0, 8);
    pop.innerHTML = "";
    items.forEach(function (c, i) {
      var li = document.createElement("li");
      li.className = "canned-item" + (i === 0 ? " active" : "");
      li.setAttribute("data-testid", "canned-item");
      var k = document.createElement("strong"); k.textContent = "/" + c.s + " ";
      var title = document.createElement("span"); title.className = "muted"; title.textContent = c.t;
      var body = document.createElement("div"); body.className = "small"; body.textContent = c.x;
      li.appendChild(k); li.appendChild(title); li.appendChild(body);
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); t.value = c.x; pop.hidden = true; t.focus(); });
      pop.appendChild(li);
    });
    pop.hidden = items.length === 0;
  }
  function cannedPick(t) {
    var pop = cannedPop(t);
    if (!pop || pop.hidden) return false;
    var first = pop.querySelector(".canned-item.active");
    if (first) first.dispatchEvent(new MouseEvent("mousedown"));
    return true;
  }
  document.addEventListener("input", function (e) { if (e.target.matches && e.target.matches("textarea[data-canned]")) cannedShow(e.target); });

  var page = document.querySelector("[data-live-inbox]") || document.querySelector("[data-live-supervisor]");
  if (!page) return;
  var conversationId = page.getAttribute("data-conversation") || null;
  var socket = null, delay = 1000, refreshTimer = null, typingSentAt = 0, typingOffTimer = null, customerTypingTimer = null, busy = false, again = false;

  function connect() {
    var ws = new WebSocket(location.origin.replace(/^http/, "ws") + "/agent/live");
    socket = ws;
    ws.onopen = function () { delay = 1000; dot(true); refresh(); if (conversationId) sendFrame({ type: "viewing", conversationId: conversationId }); };
    ws.onclose = function () { socket = null; dot(false); setTimeout(connect, delay = Math.min(delay * 2, 15000)); };
    ws.onmessage = function (e) {
      var d; try { d = JSON.parse(e.data); } catch (x) { return; }
      if (d.type === "conversation" || d.type === "routing") {
        if (d.conversationId === conversationId && d.direction === "inbound") customerTyping(false);
        scheduleRefresh();
      } else if (d.type === "typing" && d.who === "customer" && d.conversationId === conversationId) {
        customerTyping(d.isTyping);
      } else if ((d.type === "viewing" || (d.type === "typing" && d.who === "agent")) && d.conversationId === conversationId) {
        // A colleague who just opened it learns at once that we are here too (not at our next 10-second ping); only for a
        // newcomer, so two screens answer each other once and stop.
        if (d.type === "viewing" && !colleagues[d.name]) sendFrame({ type: "viewing", conversationId: conversationId });
        colleague(d.name, d.type === "typing" ? (d.isTyping ? "typing" : "viewing") : "viewing");
      } else if (d.type === "mention") {
        toast((document.documentElement.lang === "en" ? d.by + " mentioned you: " : d.by + " 提到了你：") + d.text, "/inbox/" + d.conversationId + "?filter=all");
        scheduleRefresh();
      }
    };
  }

  // Colleagues with this conversation open: "Li Na is viewing" / "is typing…", forgotten when they stop saying so.
  var colleagues = {};
  function colleague(name, state) {
    colleagues[name] = { state: state, at: Date.now() };
    drawColleagues();
  }
  function drawColleagues() {
    var el = document.querySelector("[data-colleagues]");
    if (!el) return;
    var en = document.documentElement.lang === "en", now = Date.now(), parts = [];
    Object.keys(colleagues).forEach(function (n) {
      if (now - colleagues[n].at > 25000) { delete colleagues[n]; return; }
      parts.push(n + (colleagues[n].state === "typing" ? (en ? " is typing…" : " 正在输入…") : (en ? " is viewing" : " 正在查看")));
    });
    el.textContent = parts.join(" · ");
    el.hidden = parts.length === 0;
  }
  setInterval(drawColleagues, 5000);

  function toast(text, href) {
    var t = document.createElement("a");
    t.className = "toast"; t.textContent = text; if (href) t.href = href;
    t.setAttribute("data-testid", "toast");
    document.body.appendChild(t);
    setTimeout(function () { t.remove(); }, 8000);
  }

  // Tell colleagues this conversation is open, and the server that this agent is here (presence by activity).
  var activeSentAt = 0;
  function sendFrame(o) { if (socket && socket.readyState === 1) socket.send(JSON.stringify(o)); }
  setInterval(function () { if (conversationId && document.visibilityState === "visible") sendFrame({ type: "viewing", conversationId: conversationId }); }, 10000);
  ["keydown", "mousedown"].forEach(function (ev) {
    document.addEventListener(ev, function () {
      var now = Date.now();
      if (now - activeSentAt > 30000) { activeSentAt = now; sendFrame({ type: "active" }); }
    }, { passive: true });
  });

  function dot(on) { var el = document.querySelector("[data-live-status]"); if (el) el.classList.toggle("on", on); }

  function scheduleRefresh() { clearTimeout(refreshTimer); refreshTimer = setTimeout(refresh, 120); }

  // Fetch the page again and swap the live panes; one refresh at a time, coalescing bursts of events.
  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    fetch(location.href, { headers: { "X-Requested-With": "concierge" }, credentials: "same-origin" })
      .then(function (r) { if (r.redirected && /\/login/.test(r.url)) { location.href = r.url; return null; } return r.text(); })
      .then(function (html) { if (html) swap(html, false); })
      .catch(function () { })
      .then(function () { busy = false; if (again) { again = false; refresh(); } });
  }

  function swap(html, includeComposer) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    document.title = doc.title;
    document.querySelectorAll("[data-live-pane]").forEach(function (pane) {
      var fresh = doc.getElementById(pane.id);
      if (!fresh) return;
      var atBottom = pane.scrollHeight - pane.scrollTop - pane.clientHeight < 120;
      var top = pane.scrollTop;
      pane.innerHTML = fresh.innerHTML;
      pane.scrollTop = pane.id === "pane-timeline" && atBottom ? pane.scrollHeight : top;
    });
    if (includeComposer) {
      // The composer was emptied when the message left; whatever is in it now the agent typed since — keep it, and its mode.
      var mine = document.querySelector("[data-composer]"), theirs = doc.querySelector("[data-composer]");
      if (mine && theirs) {
        var typed = mine.querySelector("textarea"), keep = typed && typed.value.trim() ? { text: typed.value, mode: composeMode(mine) } : null;
        mine.innerHTML = theirs.innerHTML;
        setComposeMode(mine, keep ? keep.mode : composeMode(mine));
        if (keep) { var box = mine.querySelector("textarea"); box.value = keep.text; cannedShow(box); if (document.activeElement === document.body) box.focus(); }
      }
      var alert = doc.querySelector(".pane-chat > .alert"), existing = document.querySelector(".pane-chat > .alert");
      if (existing) existing.remove();
      if (alert) document.querySelector("#pane-head") && document.querySelector("#pane-head").after(alert);
      var actions = doc.querySelector(".chat-actions"), here = document.querySelector(".chat-actions");
      if (actions && here) here.innerHTML = actions.innerHTML;
    }
  }

  // Forms post to the page itself (server-side handlers); the response is the page after the change.
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form.matches("[data-live-form]")) return;
    e.preventDefault();
    var data = new FormData(form);
    if (e.submitter && e.submitter.name) data.append(e.submitter.name, e.submitter.value);
    var button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    var composer = form.matches("[data-composer]"), sent = null;
    if (composer) {
      // Empty the composer and go back to "reply" at once, so what the agent types next never joins the message in flight
      // (nor goes out as a note because the previous message was one).
      var box = form.querySelector("textarea");
      sent = { text: box ? box.value : "", mode: composeMode(form) };
      if (box) box.value = "";
      setComposeMode(form, "reply");
      var pop = form.querySelector("[data-canned-pop]"); if (pop) pop.hidden = true;
    }
    fetch(form.getAttribute("action") || location.href, { method: "POST", body: data, credentials: "same-origin" })
      // A refused or failed post (expired sign-in form, server error) must not swallow the text: handled like a lost connection.
      .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.text(); })
      .then(function (html) {
        swap(html, true);
        if (composer) { typingSentAt = 0; sendTyping(false); var t = document.querySelector("[data-typing-source]"); if (t) t.focus(); }
        var tl = document.getElementById("pane-timeline"); if (tl) tl.scrollTop = tl.scrollHeight;
      })
      .catch(function () {
        // Nothing is lost: the text comes back into the composer unless the agent has started a new one.
        var box = composer && form.querySelector("textarea");
        if (box && !box.value.trim()) { box.value = sent.text; setComposeMode(form, sent.mode); }
        alert(document.documentElement.lang === "en" ? "Your message was not sent (no answer from the server). Your text is still here — try again." : "消息未发出（服务器没有应答），您输入的内容仍在，请重试。"); })
      .then(function () { var b = form.querySelector("button[type=submit]"); if (b) b.disabled = false; });
  });

  document.addEventListener("input", function (e) {
    if (!e.target.matches || !e.target.matches("[data-typing-source]") || !conversationId) return;
    // Writing a note is not typing to the customer.
    if (e.target.form && e.target.form.classList.contains("composer-note")) return;
    var now = Date.now();
    if (now - typingSentAt > 2000) { typingSentAt = now; sendTyping(true); }
    clearTimeout(typingOffTimer);
    typingOffTimer = setTimeout(function () { typingSentAt = 0; sendTyping(false); }, 3500);
  });

  function sendTyping(on) {
    if (socket && socket.readyState === 1 && conversationId)
      socket.send(JSON.stringify({ type: "typing", conversationId: conversationId, isTyping: on }));
  }

  function customerTyping(on) {
    var el = document.querySelector("[data-typing]");
    if (!el) return;
    clearTimeout(customerTypingTimer);
    el.hidden = !on;
    // A customer who closes the tab never says "stopped typing".
    if (on) customerTypingTimer = setTimeout(function () { el.hidden = true; }, 6000);
  }

  var tl = document.getElementById("pane-timeline");
  if (tl) tl.scrollTop = tl.scrollHeight;
  connect();
})();
