using System.Net;
using System.Net.Http.Json;
using Concierge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Tests.Agents;

/// <summary>Every admin action over the REST API with a bearer token.</summary>
public sealed class AdminApiTests : IAsyncLifetime
{
    private readonly ConciergeApp _app = new();
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task AnAdminCreatesAnAppInboxWhoseKeyIsShownOnceAndWorks()
    {
        var admin = _app.Admin();
        var created = await admin.PostJson("/api/v1/inboxes", new { name = "小程序 Mini program", channel = "api", greeting = "hi" });
        var key = created.Str("apiKey");
        var id = created.GetProperty("inbox").Str("id");
        key.ShouldStartWith("ck_");

        var inbox = await _app.Http(key).GetJson("/api/v1/inbox");
        inbox.Str("id").ShouldBe(id);
        var listed = (await admin.GetJson("/api/v1/inboxes")).EnumerateArray().Single(i => i.Str("id") == id);
        listed.Str("apiKeyHint").ShouldBe(key[..8] + "…");
        listed.ToString().ShouldNotContain(key);
    }

    [Fact]
    public async Task RotatingAKeyStopsTheOldOneAtOnce()
    {
        var admin = _app.Admin();
        var created = await admin.PostJson("/api/v1/inboxes", new { name = "Rotate me", channel = "api" });
        var oldKey = created.Str("apiKey");
        var id = created.GetProperty("inbox").Str("id");
        (await _app.Http(oldKey).GetAsync("/api/v1/inbox")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var rotated = await admin.PostJson($"/api/v1/inboxes/{id}/api-key", new { });

        (await _app.Http(oldKey).GetAsync("/api/v1/inbox")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _app.Http(rotated.Str("apiKey")).GetAsync("/api/v1/inbox")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task InvalidInboxSettingsAreRefusedWithTheField()
    {
        var admin = _app.Admin();
        (await (await admin.PostAsJsonAsync("/api/v1/inboxes", new { name = "", channel = "web" })).Body()).Str("field").ShouldBe("name");
        (await (await admin.PostAsJsonAsync("/api/v1/inboxes", new { name = "x", channel = "fax" })).Body()).Str("field").ShouldBe("channel");
        (await (await admin.PostAsJsonAsync("/api/v1/inboxes", new { name = "x", channel = "api", webhookUrl = "ftp://x" })).Body()).Str("field").ShouldBe("webhookUrl");
        (await admin.PatchAsJsonAsync($"/api/v1/inboxes/{ConciergeApp.WebInbox}", new { widgetColor = "blue" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.PatchAsJsonAsync($"/api/v1/inboxes/{Guid.NewGuid()}", new { name = "x" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnAdminCreatesAnAgentWhoCanThenSignInAndSeeTheirInbox()
    {
        var admin = _app.Admin();
        var agent = await admin.PostJson("/api/v1/agents", new
        {
            email = "mei@lumen.demo", displayName = "陈梅 Chen Mei", role = "agent", password = "Mei-pass-2026",
            skills = new[] { "Refund", "vip" }, maxConcurrentChats = 3, inboxIds = new[] { ConciergeApp.AppInbox },
        });
        agent.GetProperty("skills").EnumerateArray().Select(s => s.GetString()).ShouldBe(["refund", "vip"]);
        agent.GetProperty("inboxIds").EnumerateArray().Select(s => s.GetString()).ShouldBe([ConciergeApp.AppInbox.ToString()]);

        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new(), AllowAutoRedirect = false }) { BaseAddress = _app.BaseAddress };
        await ConciergeApp.SignIn(browser, "mei@lumen.demo", "Mei-pass-2026");
        var conversations = await browser.GetJson("/api/v1/conversations?filter=all");
        conversations.EnumerateArray().ShouldAllBe(c => c.Str("inboxId") == ConciergeApp.AppInbox.ToString());
    }

    [Fact]
    public async Task AgentValidationNamesTheField()
    {
        var admin = _app.Admin();
        (await (await admin.PostAsJsonAsync("/api/v1/agents", new { email = "bad", displayName = "x", password = "longpassword1" })).Body()).Str("field").ShouldBe("email");
        (await (await admin.PostAsJsonAsync("/api/v1/agents", new { email = "a@b.c", displayName = "x", role = "king", password = "longpassword1" })).Body()).Str("field").ShouldBe("role");
        (await (await admin.PostAsJsonAsync("/api/v1/agents", new { email = "a@b.c", displayName = "x", password = "short" })).Body()).Str("field").ShouldBe("password");
        (await admin.PostAsJsonAsync("/api/v1/agents", new { email = "tom@lumen.demo", displayName = "x", password = "longpassword1" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await _app.Db(db => db.Agents.CountAsync(a => a.Email == "a@b.c"))).ShouldBe(0);
    }

    [Fact]
    public async Task ADeactivatedAgentsTokensStopWorking()
    {
        var tom = await _app.Agent("tom@lumen.demo");
        var id = (await tom.GetJson("/api/v1/agents/me")).Str("id");
        (await _app.Admin().PatchAsJsonAsync($"/api/v1/agents/{id}", new { isActive = false })).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Token lookups are cached for up to 30 s; a fresh token shows the rule without waiting.
        var cached = await tom.GetAsync("/api/v1/agents/me");
        cached.StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.Unauthorized);
        var token = await _app.Db(db => db.ApiTokens.CountAsync(t => t.AgentId == Guid.Parse(id)));
        token.ShouldBe(1);
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new(), AllowAutoRedirect = false }) { BaseAddress = _app.BaseAddress };
        (await ConciergeApp.TrySignIn(browser, "tom@lumen.demo", ConciergeApp.AgentPassword)).ShouldStartWith("/login?error=1");
    }

    [Fact]
    public async Task ARevokedTokenStopsWorkingAtOnce()
    {
        var admin = _app.Admin();
        var created = await admin.PostJson("/api/v1/api-tokens", new { name = "CRM sync" });
        var secret = created.Str("secret");
        (await _app.Http(secret).GetAsync("/api/v1/agents/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await admin.DeleteAsync($"/api/v1/api-tokens/{created.GetProperty("token").Str("id")}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await _app.Http(secret).GetAsync("/api/v1/agents/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task InboxMembershipDecidesWhoCanBeAssigned()
    {
        var admin = _app.Admin();
        var agents = await admin.GetJson("/api/v1/agents");
        var lina = agents.EnumerateArray().First(a => a.Str("email") == "zhangwei@lumen.demo").Str("id");
        var id = (await _app.App().CustomerSays("u-assign", "hi")).Str("conversationId");

        var refused = await admin.PostAsJsonAsync($"/api/v1/conversations/{id}/assign", new { agentId = lina });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        (await admin.PutAsJsonAsync($"/api/v1/inboxes/{ConciergeApp.AppInbox}/members",
            new { agentIds = agents.EnumerateArray().Select(a => a.Str("id")).ToArray() })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await admin.PostAsJsonAsync($"/api/v1/conversations/{id}/assign", new { agentId = lina })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task TheApiIsDescribedByOpenApi()
    {
        var doc = await _app.Http().GetJson("/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/inboxes/{inboxId}/messages", "/api/v1/conversations/{id}/messages", "/api/v1/inbox",
                     "/api/v1/inboxes", "/api/v1/agents", "/api/v1/api-tokens", "/api/v1/conversations/{id}/replies" })
            paths.TryGetProperty(path, out _).ShouldBeTrue(path);
    }
}
