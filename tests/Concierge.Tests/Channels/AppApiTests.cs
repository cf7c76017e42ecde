using System.Net;
using System.Net.Http.Json;
using System.Text;
using Concierge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Tests.Channels;

/// <summary>The customer messaging API (app / mini-program channel), through real HTTP on a real database.</summary>
public sealed class AppApiTests : IAsyncLifetime
{
    private readonly ConciergeApp _app = new();
    private string Messages => $"/api/v1/inboxes/{ConciergeApp.AppInbox}/messages";

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task ACustomerMessageIsStoredAndAnsweredWithTheConversationAndMessageIds()
    {
        var body = await _app.App().CustomerSays("u-42", "我的订单到哪了", "c-1", "王芳");

        body.Str("conversationId").ShouldNotBeNullOrEmpty();
        body.Str("messageId").ShouldNotBeNullOrEmpty();
        body.GetProperty("replies").GetArrayLength().ShouldBe(0);
        var stored = await _app.Db(db => db.Messages.SingleAsync(m => m.Id == Guid.Parse(body.Str("messageId"))));
        stored.Body.ShouldBe("我的订单到哪了");
        stored.SenderName.ShouldBe("王芳");
    }

    [Fact]
    public async Task ARetryWithTheSameClientMessageIdIsStoredOnceAndGetsTheSameAnswer()
    {
        var app = _app.App();
        var first = await app.CustomerSays("u-retry", "hello", "same-id");
        var second = await app.CustomerSays("u-retry", "hello", "same-id");
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => app.CustomerSays("u-retry", "hello", "same-id")));

        second.Str("messageId").ShouldBe(first.Str("messageId"));
        second.Str("conversationId").ShouldBe(first.Str("conversationId"));
        second.GetProperty("duplicate").GetBoolean().ShouldBeTrue();
        concurrent.ShouldAllBe(r => r.Str("messageId") == first.Str("messageId"));
        var count = await _app.Db(db => db.Messages.CountAsync(m => m.ClientMessageId == "same-id"));
        count.ShouldBe(1);
    }

    [Fact]
    public async Task MessagesWithoutAClientIdAreEachStoredInOrder()
    {
        var app = _app.App();
        foreach (var i in Enumerable.Range(1, 5)) await app.CustomerSays("u-order", $"message {i}");
        var conversationId = (await app.CustomerSays("u-order", "message 6")).Str("conversationId");

        var messages = await app.GetJson($"/api/v1/conversations/{conversationId}/messages");
        messages.EnumerateArray().Select(m => m.Str("text")).ShouldBe(Enumerable.Range(1, 6).Select(i => $"message {i}"));
        messages.EnumerateArray().Select(m => m.GetProperty("seq").GetInt64()).ShouldBe([1, 2, 3, 4, 5, 6]);
    }

    [Fact]
    public async Task TheAppPollsForAgentRepliesNewerThanTheLastMessageItHas()
    {
        var app = _app.App();
        var sent = await app.CustomerSays("u-poll", "Where is my parcel?");
        var conversationId = sent.Str("conversationId");
        var tom = await _app.Agent("tom@lumen.demo");
        await tom.PostJson($"/api/v1/conversations/{conversationId}/replies", new { text = "It arrives tomorrow." });

        var newer = await app.GetJson($"/api/v1/conversations/{conversationId}/messages?after={sent.Str("messageId")}");

        newer.GetArrayLength().ShouldBe(1);
        newer[0].Str("text").ShouldBe("It arrives tomorrow.");
        newer[0].Str("direction").ShouldBe("outbound");
        newer[0].Str("senderType").ShouldBe("agent");
        newer[0].Str("senderName").ShouldBe("Tom Baker");
        (await app.GetJson($"/api/v1/conversations/{conversationId}/messages?after={newer[0].Str("id")}")).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task TheKeyTellsTheAppWhichInboxItBelongsTo()
    {
        var inbox = await _app.App().GetJson("/api/v1/inbox");
        inbox.Str("id").ShouldBe(ConciergeApp.AppInbox.ToString());
        inbox.Str("channel").ShouldBe("api");
        inbox.Str("name").ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("""{"customer":{"externalId":"u-1"},"text":""}""", "text")]
    [InlineData("""{"customer":{"externalId":"u-1"},"text":"   "}""", "text")]
    [InlineData("""{"customer":{"externalId":"u-1"}}""", "text")]
    [InlineData("""{"customer":{"name":"x"},"text":"hi"}""", "customer.externalId")]
    [InlineData("""{"text":"hi"}""", "customer.externalId")]
    [InlineData("""{"customer":{"externalId":"u-1"},"text":"hi","clientMessageId":"LONG"}""", "clientMessageId")]
    [InlineData("""{"customer":{"externalId":"u-1"},"text":42}""", "text")]
    [InlineData("""{"customer":{"externalId":"u-1"},"text":"hi" """, "body")]
    [InlineData("""not json""", "body")]
    public async Task BadInputGetsAProblemNamingTheFieldAndWritesNothing(string json, string field)
    {
        json = json.Replace("LONG", new string('x', 101));
        var before = await _app.Db(db => db.Messages.CountAsync());

        var response = await _app.App().PostAsync(Messages, new StringContent(json, Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Body();
        problem.Str("field").ShouldBe(field);
        problem.Str("detail").ShouldNotBeNullOrWhiteSpace();
        (await _app.Db(db => db.Messages.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task TextLongerThan4000CharactersIsRefused()
    {
        var response = await _app.App().PostAsJsonAsync(Messages, new { customer = new { externalId = "u-long" }, text = new string('长', 4001) });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Body()).Str("field").ShouldBe("text");

        var ok = await _app.App().PostAsJsonAsync(Messages, new { customer = new { externalId = "u-long" }, text = new string('长', 4000) });
        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AWrongOrMissingKeyIsRefusedWith401()
    {
        var wrong = await _app.Http("ck_wrong").PostAsJsonAsync(Messages, new { customer = new { externalId = "u" }, text = "hi" });
        var missing = await _app.Http().PostAsJsonAsync(Messages, new { customer = new { externalId = "u" }, text = "hi" });

        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await wrong.Body()).Str("detail").ShouldNotBeNullOrWhiteSpace();
        missing.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _app.Db(db => db.Contacts.CountAsync(c => c.ExternalId == "u"))).ShouldBe(0);
    }

    [Fact]
    public async Task AnUnknownInboxIs404AndAnotherInboxesKeyIs403()
    {
        var unknown = await _app.App().PostAsJsonAsync($"/api/v1/inboxes/{Guid.NewGuid()}/messages", new { customer = new { externalId = "u" }, text = "hi" });
        var other = await _app.App().PostAsJsonAsync($"/api/v1/inboxes/{ConciergeApp.WebInbox}/messages", new { customer = new { externalId = "u" }, text = "hi" });

        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        other.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AnAppKeyCannotReadConversationsOfAnotherInbox()
    {
        var web = await _app.Db(db => db.Conversations.FirstAsync(c => c.InboxId == ConciergeApp.WebInbox));
        var response = await _app.App().GetAsync($"/api/v1/conversations/{web.Id}/messages");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnAfterIdFromAnotherConversationIsABadRequest()
    {
        var app = _app.App();
        var a = await app.CustomerSays("u-a", "one");
        var b = await app.CustomerSays("u-b", "two");
        var response = await app.GetAsync($"/api/v1/conversations/{a.Str("conversationId")}/messages?after={b.Str("messageId")}");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Body()).Str("field").ShouldBe("after");
    }

    [Fact]
    public async Task InboxApiKeysAreStoredOnlyAsHashes()
    {
        var inbox = await _app.Db(db => db.Inboxes.SingleAsync(i => i.Id == ConciergeApp.AppInbox));
        inbox.ApiKeyHash.ShouldNotBe(ConciergeApp.AppKey);
        inbox.ApiKeyHash!.Length.ShouldBe(64);
        if (!ConciergeApp.OnPostgres)
        {
            var file = await File.ReadAllBytesAsync(Path.Combine(_app.Database.DataDir, "concierge.db"));
            Encoding.UTF8.GetString(file).ShouldNotContain(ConciergeApp.AppKey);
        }
    }
}
