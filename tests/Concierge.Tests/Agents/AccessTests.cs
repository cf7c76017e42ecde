using System.Net;
using System.Net.Http.Json;
using Concierge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Tests.Agents;

/// <summary>Who sees what: inbox membership, roles, anonymous users.</summary>
public sealed class AccessTests : IAsyncLifetime
{
    private readonly ConciergeApp _app = new();
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task AnAgentSeesOnlyConversationsOfTheInboxesTheyBelongTo()
    {
        var appConversation = (await _app.App().CustomerSays("u-access", "app question")).Str("conversationId");
        var lina = await _app.Agent("zhangwei@lumen.demo"); // website only

        var list = await lina.GetJson("/api/v1/conversations?filter=all");
        list.EnumerateArray().ShouldAllBe(c => c.Str("inboxId") == ConciergeApp.WebInbox.ToString());
        (await lina.GetAsync($"/api/v1/conversations/{appConversation}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await lina.GetAsync($"/api/v1/conversations/{appConversation}/messages")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await lina.PostAsJsonAsync($"/api/v1/conversations/{appConversation}/replies", new { text = "hi" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var inboxes = await lina.GetJson("/api/v1/inboxes");
        inboxes.EnumerateArray().Select(i => i.Str("id")).ShouldBe([ConciergeApp.WebInbox.ToString()]);
    }

    [Fact]
    public async Task TheCustomersOtherConversationsShowOnlyInboxesTheAgentCanSee()
    {
        await _app.App().CustomerSays("u-1001", "app side");
        var lina = await _app.Agent("zhangwei@lumen.demo");
        var web = await _app.Db(db => db.Conversations.Where(c => c.InboxId == ConciergeApp.WebInbox)
            .Join(db.Contacts.Where(c => c.ExternalId == "u-1001"), c => c.ContactId, c => c.Id, (c, _) => c.Id).FirstAsync());

        var detail = await lina.GetJson($"/api/v1/conversations/{web}");
        detail.GetProperty("otherConversations").EnumerateArray().ShouldAllBe(o => o.Str("channel") == "web");
    }

    [Theory]
    [InlineData("/api/v1/conversations")]
    [InlineData("/api/v1/agents")]
    [InlineData("/api/v1/inboxes")]
    [InlineData("/api/v1/api-tokens")]
    [InlineData("/api/v1/inbox")]
    public async Task AnonymousCallersGet401ProblemsFromTheApi(string url)
    {
        var response = await _app.Http().GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Theory]
    [InlineData("/inbox")]
    [InlineData("/admin/agents")]
    [InlineData("/admin/inboxes")]
    [InlineData("/settings/api-tokens")]
    public async Task AnonymousVisitorsOfAgentPagesAreSentToSignIn(string url)
    {
        var response = await _app.Http().GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/login");
    }

    [Fact]
    public async Task AnInboxKeyCannotUseTheAgentApi()
    {
        (await _app.App().GetAsync("/api/v1/conversations")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _app.App().GetAsync("/api/v1/agents")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AgentsCannotManageInboxesOrAgents()
    {
        var tom = await _app.Agent("tom@lumen.demo");
        (await tom.PostAsJsonAsync("/api/v1/inboxes", new { name = "x", channel = "web" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await tom.PostAsJsonAsync("/api/v1/agents", new { email = "x@y.z", displayName = "x", password = "longpassword1" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var lina = (await tom.GetJson("/api/v1/agents")).EnumerateArray().First(a => a.Str("email") == "lina@lumen.demo");
        (await tom.PatchAsJsonAsync($"/api/v1/agents/{lina.Str("id")}", new { role = "admin" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AnAgentPageIsNotForAnAgentWithoutTheAdminRole()
    {
        var cookies = new System.Net.CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = _app.BaseAddress };
        await ConciergeApp.SignIn(browser, "tom@lumen.demo", ConciergeApp.AgentPassword);

        (await browser.GetAsync("/inbox")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var admin = await browser.GetAsync("/admin/agents");
        admin.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task AWrongPasswordDoesNotSignIn()
    {
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new(), AllowAutoRedirect = false }) { BaseAddress = _app.BaseAddress };
        (await ConciergeApp.TrySignIn(browser, "tom@lumen.demo", "wrong-password")).ShouldStartWith("/login?error=1");
        (await browser.GetAsync("/inbox")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task TheInboxPageRendersTheThreePanesForASignedInAgent()
    {
        var cookies = new System.Net.CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = _app.BaseAddress };
        await ConciergeApp.SignIn(browser, "lina@lumen.demo", ConciergeApp.AgentPassword);
        var id = await _app.Db(db => db.Conversations.Where(c => c.InboxId == ConciergeApp.WebInbox).Select(c => c.Id).FirstAsync());

        var html = await browser.GetStringAsync($"/inbox/{id}");
        html.ShouldContain("pane-list");
        html.ShouldContain("pane-timeline");
        html.ShouldContain("pane-side");
    }
}
