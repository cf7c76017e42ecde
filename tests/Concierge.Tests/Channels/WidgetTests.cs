using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Concierge.Platform.Security;
using Concierge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Tests.Channels;

/// <summary>The website widget's endpoints: anonymous visitors with signed tokens, identified users, live socket.</summary>
public sealed class WidgetTests : IAsyncLifetime
{
    private readonly ConciergeApp _app = new();
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task<(string Token, JsonElement Body)> VisitorSays(string text, string? token = null, object? user = null, string? clientId = null)
    {
        var http = _app.Http();
        var request = new HttpRequestMessage(HttpMethod.Post, "/widget/v1/messages")
        {
            Content = JsonContent.Create(new { inboxId = ConciergeApp.WebInbox, text, clientMessageId = clientId, user }),
        };
        if (token is not null) request.Headers.Add("X-Visitor-Token", token);
        var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var body = await response.Body();
        return (body.Str("token"), body);
    }

    private async Task<HttpResponseMessage> ReadMessages(string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/widget/v1/messages");
        request.Headers.Add("X-Visitor-Token", token);
        return await _app.Http().SendAsync(request);
    }

    [Fact]
    public async Task AnAnonymousVisitorGetsASignedTokenAndCanReadOnlyTheirOwnConversation()
    {
        var (alice, _) = await VisitorSays("你好");
        var (bob, _) = await VisitorSays("hello");

        var aliceMessages = await (await ReadMessages(alice)).Body();
        aliceMessages.EnumerateArray().Select(m => m.Str("text")).ShouldBe(["你好"]);

        // Bob edits his token to point at Alice's contact: the signature no longer matches.
        var aliceContact = alice.Split('.')[2];
        var parts = bob.Split('.');
        var forged = $"{parts[0]}.{parts[1]}.{aliceContact}.{parts[3]}";
        (await ReadMessages(forged)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await ReadMessages("garbage")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AVisitorTokenFromAnotherInboxDoesNotOpenThisInbox()
    {
        var tokens = _app.Service<VisitorTokens>();
        var (visitor, _) = await VisitorSays("hi");
        var contact = Guid.ParseExact(visitor.Split('.')[2], "N");
        var foreign = tokens.Issue(ConciergeApp.AppInbox, contact);

        var (next, body) = await VisitorSays("again", foreign);
        next.ShouldNotBe(foreign);
        Guid.ParseExact(next.Split('.')[2], "N").ShouldNotBe(contact, "a token for another inbox must not select the contact");
        body.GetProperty("message").Str("text").ShouldBe("again");
    }

    [Fact]
    public async Task TheSameSiteUserOnTheWidgetAndTheAppIsOneCustomer()
    {
        var secret = await _app.Db(db => db.Inboxes.Where(i => i.Id == ConciergeApp.WebInbox).Select(i => i.IdentitySecret).SingleAsync());
        var user = new { externalId = "u-777", name = "李雷", hash = Secrets.HmacHex(secret, "u-777") };

        await VisitorSays("网页上问一下", user: user);
        await _app.App().CustomerSays("u-777", "App 上再问一下");

        var contacts = await _app.Db(db => db.Contacts.Where(c => c.ExternalId == "u-777").ToListAsync());
        contacts.Count.ShouldBe(1);
        var conversations = await _app.Db(db => db.Conversations.Where(c => c.ContactId == contacts[0].Id).Select(c => c.Channel).ToListAsync());
        conversations.Order().ShouldBe(["api", "web"]);
    }

    [Fact]
    public async Task AnIdentityWithAWrongHashIsRefused()
    {
        var response = await _app.Http().PostAsJsonAsync("/widget/v1/messages",
            new { inboxId = ConciergeApp.WebInbox, text = "hi", user = new { externalId = "u-1001", hash = "00" } });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Body()).Str("field").ShouldBe("user.hash");
    }

    [Fact]
    public async Task TheWidgetRefusesBadInputClearly()
    {
        var http = _app.Http();
        (await http.PostAsJsonAsync("/widget/v1/messages", new { inboxId = ConciergeApp.WebInbox, text = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await http.PostAsJsonAsync("/widget/v1/messages", new { inboxId = ConciergeApp.WebInbox, text = new string('x', 4001) })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await http.PostAsJsonAsync("/widget/v1/messages", new { inboxId = Guid.NewGuid(), text = "hi" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await http.PostAsJsonAsync("/widget/v1/messages", new { inboxId = ConciergeApp.AppInbox, text = "hi" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ASessionReturnsTheInboxLookAndTheVisitorsHistory()
    {
        var (token, _) = await VisitorSays("first");
        var session = await _app.Http().PostJson("/widget/v1/sessions", new { inboxId = ConciergeApp.WebInbox, token });
        session.Str("token").ShouldNotBeNullOrEmpty();
        session.GetProperty("inbox").Str("name").ShouldNotBeNullOrWhiteSpace();
        session.GetProperty("messages").EnumerateArray().Select(m => m.Str("text")).ShouldBe(["first"]);

        var stranger = await _app.Http().PostJson("/widget/v1/sessions", new { inboxId = ConciergeApp.WebInbox });
        stranger.GetProperty("token").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task TheWidgetSocketPushesTheAgentsReplyAndTypingLive()
    {
        var (token, body) = await VisitorSays("anyone there?");
        var conversationId = body.Str("conversationId");
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(_app.BaseAddress.ToString().Replace("http", "ws") + $"widget/v1/ws?token={Uri.EscapeDataString(token)}"), CancellationToken.None);

        var wang = await _app.Agent("wangqiang@lumen.demo");
        await wang.PostJson($"/api/v1/conversations/{conversationId}/replies", new { text = "Yes! How can I help?" });

        var frame = await NextFrame(socket, f => f.GetProperty("type").GetString() == "message");
        frame.GetProperty("message").Str("text").ShouldBe("Yes! How can I help?");
        frame.GetProperty("message").Str("senderType").ShouldBe("agent");
    }

    [Fact]
    public async Task ASocketWithoutAValidTokenIsRefused()
    {
        using var socket = new ClientWebSocket();
        var uri = new Uri(_app.BaseAddress.ToString().Replace("http", "ws") + "widget/v1/ws?token=v1.x.y.z");
        await Should.ThrowAsync<WebSocketException>(() => socket.ConnectAsync(uri, CancellationToken.None));
    }

    internal static async Task<JsonElement> NextFrame(ClientWebSocket socket, Func<JsonElement, bool> match)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[16384];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            var frame = JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, result.Count)).RootElement.Clone();
            if (match(frame)) return frame;
        }
    }
}
