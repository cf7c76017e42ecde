/*! Concierge chat widget — plain JavaScript, no dependencies, no build step.
 * Embed: <script src="https://your-concierge/widget.js" data-inbox="INBOX_ID" async></script>
 * Identified users (optional): data-user-id, data-user-name, data-user-hash = HMAC-SHA256(inbox identity secret, user id), hex.
 * Messages are sent by POST (acknowledged after they are stored) and kept in a local outbox until then, so nothing typed
 * is lost when the network drops; the WebSocket only brings replies and typing indicators, and after a reconnect the
 * widget fetches whatever it missed.
 */
(function () {
  "use strict";
  var script = document.currentScript || document.querySelector("script[data-inbox][src*='widget.js']");
  if (!script || window.__conciergeWidget) return;
  window.__conciergeWidget = true;

  var base = new URL(script.src, location.href).origin;
  var inboxId = script.getAttribute("data-inbox");
  var user = script.getAttribute("data-user-id") ? {
    externalId: script.getAttribute("data-user-id"),
    name: script.getAttribute("data-user-name") || null,
    hash: script.getAttribute("data-user-hash") || null
  } : null;
  var zh = /^zh/i.test(navigator.language || "zh");
  var L = zh ? {
    title: "在线客服", placeholder: "输入消息…", send: "发送", open: "联系客服", close: "关闭",
    offline: "网络已断开，正在重新连接…", failed: "发送失败，将在重新连接后自动重试", retry: "重试",
    tooLong: "消息太长了，请缩短后再发送", typing: "正在输入…", you: "我", bot: "智能助手", empty: "有什么可以帮您？",
    error: "出了点问题，请稍后再试", helpful: "有帮助", unhelpful: "没帮助",
    emptyText: "消息不能为空", refused: "这条消息没有发送成功，请修改后重试",
    queueNext: "正在为您接通人工客服，您是下一位", queue: "正在排队：您前面还有 {n} 位", eta: "，预计等待约 {m} 分钟"
  } : {
    title: "Chat with us", placeholder: "Type a message…", send: "Send", open: "Chat with us", close: "Close",
    offline: "You're offline — reconnecting…", failed: "Not sent yet — we'll retry when you're back online", retry: "Retry",
    tooLong: "That message is too long — please shorten it", typing: "is typing…", you: "You", bot: "Assistant", empty: "How can we help?",
    error: "Something went wrong, please try again", helpful: "Helpful", unhelpful: "Not helpful",
    emptyText: "The message is empty", refused: "That message couldn't be sent — please change it and try again",
    queueNext: "Connecting you to an agent — you're next", queue: "You're in the queue: {n} ahead of you", eta: " · about {m} min"
  };
  var keyToken = "concierge:" + inboxId + ":token";
  var keyOutbox = "concierge:" + inboxId + ":outbox";
  var token = load(keyToken);
  var outbox = JSON.parse(load(keyOutbox) || "[]");
  var messages = [];          // stored messages, by seq
  var seen = {};              // message id -> true
  var socket = null, retryDelay = 1000, typingSentAt = 0, typingTimer = null, agentTypingTimer = null, flushing = false;

  // ---- DOM (shadow root keeps our styles and the host page's apart)
  var host = document.createElement("div");
  host.id = "concierge-widget";
  document.body.appendChild(host);
  var root = host.attachShadow({ mode: "open" });
  root.innerHTML =
    "<style>" +
    ":host{all:initial}*{box-sizing:border-box;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI','PingFang SC','Microsoft YaHei','WenQuanYi Zen Hei','Noto Sans CJK SC',Roboto,Arial,sans-serif}" +
    ".launcher{position:fixed;right:24px;bottom:24px;width:58px;height:58px;border-radius:50%;border:0;cursor:pointer;background:var(--c);color:#fff;box-shadow:0 8px 24px rgba(0,0,0,.22);display:flex;align-items:center;justify-content:center;z-index:2147483000;transition:transform .15s}" +
    ".launcher:hover{transform:scale(1.06)}.launcher svg{width:28px;height:28px}" +
    ".badge{position:absolute;top:-2px;right:-2px;min-width:20px;height:20px;border-radius:10px;background:#ef4444;color:#fff;font:700 11px/20px sans-serif;text-align:center;padding:0 5px;display:none}" +
    ".panel{position:fixed;right:24px;bottom:96px;width:370px;max-width:calc(100vw - 24px);height:560px;max-height:calc(100vh - 120px);background:#fff;border-radius:16px;box-shadow:0 16px 48px rgba(0,0,0,.24);display:none;flex-direction:column;overflow:hidden;z-index:2147483000}" +
    ".panel.open{display:flex}" +
    ".head{background:var(--c);color:#fff;padding:16px 18px}.head h2{margin:0;font-size:16px;font-weight:650}.head p{margin:4px 0 0;font-size:13px;opacity:.9;line-height:1.45}" +
    ".status{display:none;background:#fef3c7;color:#92400e;font-size:12.5px;padding:6px 14px}.status.show{display:block}" +
    ".queue{display:none;background:#eff6ff;color:#1e40af;font-size:12.5px;padding:6px 14px}.queue.show{display:block}" +
    ".list{flex:1;overflow:auto;padding:14px;background:#f6f7fb;display:flex;flex-direction:column;gap:8px}" +
    ".m{max-width:80%;display:flex;flex-direction:column}.m .b{padding:8px 12px;border-radius:14px;font-size:14px;line-height:1.45;white-space:pre-wrap;word-wrap:break-word}" +
    ".m.in{align-self:flex-end;align-items:flex-end}.m.in .b{background:var(--c);color:#fff;border-bottom-right-radius:4px}" +
    ".m.out{align-self:flex-start}.m.out .b{background:#fff;color:#1b2333;border-bottom-left-radius:4px;box-shadow:0 1px 2px rgba(0,0,0,.08)}" +
    ".m .meta{font-size:11px;color:#9aa1b1;margin:2px 4px 0}.m.pending .b{opacity:.6}.m.failed .meta{color:#dc2626;cursor:pointer}" +
    ".empty{margin:auto;color:#9aa1b1;font-size:13px}" +
    ".qr{display:flex;flex-wrap:wrap;gap:6px;margin-top:6px}.qr button{border:1px solid var(--c);color:var(--c);background:#fff;border-radius:14px;padding:5px 11px;font-size:13px;cursor:pointer;text-align:left}" +
    ".qr button:hover{background:var(--c);color:#fff}" +
    ".vote{display:inline-flex;gap:2px;margin-left:6px;vertical-align:middle}.vote button{border:0;background:none;cursor:pointer;color:#6b7385;opacity:.55;padding:0 2px;line-height:0}.vote button:hover,.vote button.on{opacity:1;color:var(--c)}" +
    ".typing{font-size:12px;color:#6b7385;padding:0 16px 6px;background:#f6f7fb;display:none}.typing.show{display:block}" +
    ".error{display:none;color:#b91c1c;background:#fef2f2;font-size:12.5px;padding:6px 14px}.error.show{display:block}" +
    "form{display:flex;gap:8px;padding:10px;border-top:1px solid #e5e8ef;background:#fff;margin:0}" +
    "textarea{flex:1;resize:none;border:1px solid #d5dae4;border-radius:10px;padding:8px 10px;font-size:14px;height:40px;max-height:120px;outline:none}" +
    "textarea:focus{border-color:var(--c)}" +
    "button.send{border:0;border-radius:10px;background:var(--c);color:#fff;padding:0 14px;font-size:14px;font-weight:600;cursor:pointer}" +
    "button.send:disabled{opacity:.5;cursor:default}" +
    "</style>" +
    "<button class='launcher' part='launcher' aria-label='" + L.open + "' data-testid='widget-launcher'>" +
    "<svg viewBox='0 0 24 24' fill='none' stroke='currentColor' stroke-width='2' stroke-linecap='round' stroke-linejoin='round'><path d='M4 5h16v11H9l-5 4z'/></svg><span class='badge'></span></button>" +
    "<section class='panel' role='dialog' aria-label='" + L.title + "' data-testid='widget-panel'>" +
    "<header class='head'><h2 class='title'>" + L.title + "</h2><p class='greeting'></p></header>" +
    "<div class='status' role='status'>" + L.offline + "</div>" +
    "<div class='queue' role='status' data-testid='widget-queue'></div>" +
    "<div class='list' data-testid='widget-messages' aria-live='polite'><div class='empty'>" + L.empty + "</div></div>" +
    "<div class='typing' data-testid='widget-typing'></div>" +
    "<div class='error' role='alert' data-testid='widget-error'></div>" +
    "<form><textarea rows='1' maxlength='4000' placeholder='" + L.placeholder + "' aria-label='" + L.placeholder + "' data-testid='widget-input'></textarea>" +
    "<button class='send' type='submit' data-testid='widget-send'>" + L.send + "</button></form></section>";
  var $ = function (s) { return root.querySelector(s); };
  var panel = $(".panel"), list = $(".list"), input = $("textarea"), badge = $(".badge"), typingEl = $(".typing"), errorEl = $(".error"), statusEl = $(".status"), queueEl = $(".queue");
  host.style.setProperty("--c", "#2563eb");
  var unread = 0;

  $(".launcher").addEventListener("click", function () {
    panel.classList.toggle("open");
    if (panel.classList.contains("open")) { unread = 0; renderBadge(); input.focus(); scrollDown(); }
  });
  $("form").addEventListener("submit", function (e) { e.preventDefault(); send(); });
  input.addEventListener("keydown", function (e) { if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); send(); } });
  input.addEventListener("input", function () { typing(true); });
  window.addEventListener("online", function () { connect(); flush(); });

  // ---- session
  api("POST", "/widget/v1/sessions", { inboxId: inboxId, token: token, user: user }).then(function (s) {
    if (s.inbox) {
      host.style.setProperty("--c", s.inbox.color || "#2563eb");
      $(".title").textContent = s.inbox.name || L.title;
      $(".greeting").textContent = s.inbox.greeting || "";
    }
    if (s.token) { token = s.token; save(keyToken, token); }
    (s.messages || []).forEach(add);
    if (s.queue) showQueue(s.queue.position, s.queue.etaSeconds);
    render();
    if (token) connect();
    flush();
  }).catch(function () { showError(L.error); });

  function send(preset) {
    var text = (typeof preset === "string" ? preset : input.value).trim();
    if (!text) return;
    if (text.length > 4000) { showError(L.tooLong); return; }
    var pending = { clientMessageId: uuid(), text: text, at: new Date().toISOString() };
    outbox.push(pending);
    save(keyOutbox, JSON.stringify(outbox));
    if (typeof preset !== "string") input.value = "";
    typing(false);
    render();
    flush();
  }

  // Deliver the outbox in order; a message leaves it only once the server has stored it. Retries reuse the same
  // clientMessageId, so the server stores each message once however often we try.
  function flush() {
    if (flushing || !outbox.length) return;
    flushing = true;
    var next = outbox[0];
    api("POST", "/widget/v1/messages", { inboxId: inboxId, text: next.text, clientMessageId: next.clientMessageId, user: user }).then(function (r) {
      outbox.shift();
      save(keyOutbox, JSON.stringify(outbox));
      if (r.token && r.token !== token) { token = r.token; save(keyToken, token); }
      add(r.message);
      (r.replies || []).forEach(add);
      hideError();
      render();
      flushing = false;
      if (!socket) connect();
      flush();
    }).catch(function (err) {
      flushing = false;
      if (err.status && err.status >= 400 && err.status < 500 && err.status !== 408 && err.status !== 429) {
        // The server refused this message (e.g. too long): drop it and say why, in the visitor's language; retrying would not help.
        var refused = outbox.shift();
        save(keyOutbox, JSON.stringify(outbox));
        // Give the text back so the visitor can fix it instead of typing it again.
        if (refused && !input.value) input.value = refused.text;
        showError(err.field === "text" ? (/empty/i.test(err.message) ? L.emptyText : L.tooLong) : L.refused);
        render();
        flush();
      } else {
        showError(L.failed);
        render();
        setTimeout(flush, Math.min(retryDelay *= 2, 15000));
      }
    });
  }

  function connect() {
    if (!token || socket) return;
    var ws = new WebSocket(base.replace(/^http/, "ws") + "/widget/v1/ws?token=" + encodeURIComponent(token));
    socket = ws;
    ws.onopen = function () { retryDelay = 1000; statusEl.classList.remove("show"); catchUp(); flush(); };
    ws.onmessage = function (e) {
      var d; try { d = JSON.parse(e.data); } catch (x) { return; }
      if (d.type === "message") {
        add(d.message); render();
        if (d.message.direction === "outbound") { agentTyping(null); notify(); if (d.message.senderType === "agent") showQueue(null); }
      }
      else if (d.type === "queue") showQueue(d.position, d.etaSeconds);
      else if (d.type === "status" && (d.status === "assigned" || d.status === "resolved")) showQueue(null);
      else if (d.type === "typing") agentTyping(d.isTyping ? (d.name || "") : null);
    };
    ws.onclose = function () {
      socket = null;
      if (navigator.onLine === false) statusEl.classList.add("show");
      setTimeout(connect, retryDelay = Math.min(retryDelay * 2, 15000));
    };
    ws.onerror = function () { statusEl.classList.add("show"); };
  }

  // After a reconnect, fetch what arrived while we were away.
  function catchUp() {
    var last = messages.length ? messages[messages.length - 1].id : null;
    api("GET", "/widget/v1/messages" + (last ? "?after=" + last : ""), null).then(function (ms) {
      var before = messages.length;
      ms.forEach(add);
      if (messages.length !== before) { render(); notify(); }
    }).catch(function () { });
  }

  // While waiting for a human: the visitor's place in the queue and the estimated wait, updated live.
  function showQueue(position, etaSeconds) {
    if (!position) { queueEl.classList.remove("show"); return; }
    var text = position <= 1 ? L.queueNext : L.queue.replace("{n}", position - 1);
    if (etaSeconds > 0) text += L.eta.replace("{m}", Math.max(1, Math.round(etaSeconds / 60)));
    queueEl.textContent = text;
    queueEl.classList.add("show");
  }

  function typing(on) {
    if (!socket || socket.readyState !== 1) return;
    var now = Date.now();
    clearTimeout(typingTimer);
    if (on) {
      if (now - typingSentAt > 2000) { socket.send(JSON.stringify({ type: "typing", isTyping: true })); typingSentAt = now; }
      typingTimer = setTimeout(function () { typing(false); }, 3000);
    } else if (typingSentAt) {
      socket.send(JSON.stringify({ type: "typing", isTyping: false }));
      typingSentAt = 0;
    }
  }

  function agentTyping(name) {
    clearTimeout(agentTypingTimer);
    if (name === null) { typingEl.classList.remove("show"); return; }
    typingEl.textContent = (name ? name + " " : "") + L.typing;
    typingEl.classList.add("show");
    agentTypingTimer = setTimeout(function () { typingEl.classList.remove("show"); }, 6000);
    scrollDown();
  }

  function add(m) {
    if (!m || seen[m.id]) return;
    seen[m.id] = true;
    messages.push(m);
    messages.sort(function (a, b) { return a.seq - b.seq; });
  }

  function render() {
    list.innerHTML = "";
    if (!messages.length && !outbox.length) { list.innerHTML = "<div class='empty'>" + L.empty + "</div>"; return; }
    messages.forEach(function (m, i) {
      var who = m.direction === "inbound" ? L.you : (m.senderType === "bot" ? L.bot : m.senderName);
      var el = bubble(m.direction === "inbound" ? "in" : "out", m.text, who + " · " + time(m.createdAt));
      if (m.senderType === "bot") decorateBot(el, m, i === messages.length - 1 && !outbox.length);
      list.appendChild(el);
    });
    outbox.forEach(function (p, i) {
      var failed = i === 0 && errorEl.classList.contains("show");
      var el = bubble("in " + (failed ? "failed" : "pending"), p.text, failed ? L.failed : "…");
      if (failed) el.querySelector(".meta").addEventListener("click", function () { hideError(); flush(); });
      list.appendChild(el);
    });
    scrollDown();
  }

  // Bot messages: choice buttons (only on the newest message, so old choices can't be replayed) and a helpful vote.
  function decorateBot(el, m, newest) {
    if (m.quickReplies && m.quickReplies.length && newest) {
      var qr = document.createElement("div");
      qr.className = "qr";
      qr.setAttribute("data-testid", "widget-quick-replies");
      m.quickReplies.forEach(function (choice) {
        var b = document.createElement("button");
        b.type = "button";
        b.textContent = choice;
        b.addEventListener("click", function () { send(choice); });
        qr.appendChild(b);
      });
      el.appendChild(qr);
    }
    if (!m.quickReplies || !m.quickReplies.length) {
      var vote = document.createElement("span");
      vote.className = "vote";
      // Inline SVG thumbs: emoji need an emoji font the visitor's system may not have.
      var thumb = "<svg width='14' height='14' viewBox='0 0 24 24' fill='none' stroke='currentColor' stroke-width='2' stroke-linecap='round' stroke-linejoin='round'>" +
        "<path d='M7 10v11H3V10zM7 10l4-8a3 3 0 0 1 3 3v4h6a2 2 0 0 1 2 2.3l-1.4 8A2 2 0 0 1 18.6 21H7'/></svg>";
      [[true, thumb, L.helpful], [false, thumb.replace("<svg ", "<svg style='transform:rotate(180deg)' "), L.unhelpful]].forEach(function (v) {
        var b = document.createElement("button");
        b.type = "button";
        b.innerHTML = v[1];
        b.title = v[2];
        b.setAttribute("aria-label", v[2]);
        b.setAttribute("data-testid", v[0] ? "widget-helpful" : "widget-unhelpful");
        if (m.helpful === v[0]) b.className = "on";
        b.addEventListener("click", function () {
          api("POST", "/widget/v1/messages/" + m.id + "/feedback", { helpful: v[0] }).then(function () { m.helpful = v[0]; render(); })
            .catch(function () { showError(L.error); });
        });
        vote.appendChild(b);
      });
      el.querySelector(".meta").appendChild(vote);
    }
  }

  function bubble(cls, text, meta) {
    var el = document.createElement("div");
    el.className = "m " + cls;
    el.setAttribute("data-testid", "widget-message");
    var b = document.createElement("div"); b.className = "b"; b.textContent = text;
    var t = document.createElement("div"); t.className = "meta"; t.textContent = meta;
    el.appendChild(b); el.appendChild(t);
    return el;
  }

  function notify() { if (!panel.classList.contains("open")) { unread++; renderBadge(); } }
  function renderBadge() { badge.style.display = unread ? "block" : "none"; badge.textContent = unread; }
  function scrollDown() { list.scrollTop = list.scrollHeight; }
  function showError(t) { errorEl.textContent = t; errorEl.classList.add("show"); }
  function hideError() { errorEl.classList.remove("show"); }
  function time(iso) { var d = new Date(iso); return ("0" + d.getHours()).slice(-2) + ":" + ("0" + d.getMinutes()).slice(-2); }
  function uuid() { return (crypto.randomUUID ? crypto.randomUUID() : Date.now().toString(36) + Math.random().toString(36).slice(2)); }
  function load(k) { try { return localStorage.getItem(k); } catch (e) { return null; } }
  function save(k, v) { try { localStorage.setItem(k, v); } catch (e) { } }

  function api(method, path, body) {
    var headers = { "Content-Type": "application/json" };
    if (token) headers["X-Visitor-Token"] = token;
    return fetch(base + path, { method: method, headers: headers, body: body ? JSON.stringify(body) : undefined }).then(function (r) {
      if (r.ok) return r.status === 204 ? null : r.json();
      return r.json().catch(function () { return {}; }).then(function (p) {
        var e = new Error(p.detail || p.title || L.error); e.status = r.status; e.field = p.field; throw e;
      });
    });
  }
})();
