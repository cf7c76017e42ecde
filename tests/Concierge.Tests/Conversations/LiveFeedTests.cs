using System.Net.WebSockets;
using Concierge.Tests.Channels;
using Concierge.Tests.Infrastructure;

namespace Concierge.Tests.Conversations;

/// <summary>The agent screens' live socket: new customer messages and typing arrive without polling.</summary>
public sealed class LiveFeedTests : IAsyncLifetime
{
    private readonly ConciergeApp _app = new();
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task<ClientWebSocket> AgentSocket(string email)
    {
        var cookies = new System.Net.CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = _app.BaseAddress };
        await ConciergeApp.SignIn(browser, email, ConciergeApp.AgentPassword);
        var socket = new ClientWebSocket();
        socket.Options.Cookies = cookies;
        await socket.ConnectAsync(new Uri(_app.BaseAddress.ToString().Replace("http", "ws") + "agent/live"), CancellationToken.None);
        return socket;
    }

    [Fact]
    public async Task AnAgentIsToldAtOnceWhenACustomerWritesInTheirInbox()
    {
        using var tom = await AgentSocket("tom@lumen.demo");
        var sent = await _app.App().CustomerSays("u-live", "is anyone there?");

        var frame = await WidgetTests.NextFrame(tom, f => f.Str("type") == "conversation" && f.Str("conversationId") == sent.Str("conversationId"));
        frame.Str("direction").ShouldBe("inbound");
    }

    [Fact]
    public async Task AnAgentIsNotToldAboutInboxesTheyDoNotBelongTo()
    {
        using var lina = await AgentSocket("zhangwei@lumen.demo"); // website only
        await _app.App().CustomerSays("u-private", "app only");

        await Should.ThrowAsync<OperationCanceledException>(() =>
            WidgetTests.NextFrame(lina, f => f.Str("type") == "conversation" && f.Str("inboxId") == ConciergeApp.AppInbox.ToString()));
    }

    [Fact]
    public async Task TheVisitorsTypingReachesTheAgentAndTheAgentsTypingReachesTheVisitor()
    {
        var http = _app.Http();
        var sent = await http.PostJson("/widget/v1/messages", new { inboxId = ConciergeApp.WebInbox, text = "hello" });
        var token = sent.Str("token");
        var conversationId = sent.Str("conversationId");
        using var lina = await AgentSocket("lina@lumen.demo");
        using var visitor = new ClientWebSocket();
        await visitor.ConnectAsync(new Uri(_app.BaseAddress.ToString().Replace("http", "ws") + $"widget/v1/ws?token={Uri.EscapeDataString(token)}"), CancellationToken.None);

        await visitor.SendAsync("""{"type":"typing","isTyping":true}"""u8.ToArray(), WebSocketMessageType.Text, true, CancellationToken.None);
        var customerTyping = await WidgetTests.NextFrame(lina, f => f.Str("type") == "typing");
        customerTyping.Str("who").ShouldBe("customer");
        customerTyping.Str("conversationId").ShouldBe(conversationId);

        await lina.SendAsync(System.Text.Encoding.UTF8.GetBytes($$"""{"type":"typing","conversationId":"{{conversationId}}","isTyping":true}"""),
            WebSocketMessageType.Text, true, CancellationToken.None);
        var agentTyping = await WidgetTests.NextFrame(visitor, f => f.Str("type") == "typing");
        agentTyping.Str("who").ShouldBe("agent");
        agentTyping.GetProperty("isTyping").GetBoolean().ShouldBeTrue();
    }
}
