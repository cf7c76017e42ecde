using System.Net;
using System.Net.Http.Json;
using Concierge.Features.Conversations;
using Concierge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Tests.Conversations;

/// <summary>Queue → assigned → resolved → reopened, driven through the agent REST API as an integration would.</summary>
public sealed class ConversationLifecycleTests : IAsyncLifetime
{
    private readonly ConciergeApp _app = new();
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task WithoutABotANewConversationWaitsInTheQueueForAnAgent()
    {
        var sent = await _app.App().CustomerSays("u-q", "hello");
        var tom = await _app.Agent("tom@lumen.demo");

        var unassigned = await tom.GetJson("/api/v1/conversations?filter=unassigned");
        var row = unassigned.EnumerateArray().Single(c => c.Str("id") == sent.Str("conversationId"));
        row.Str("status").ShouldBe("queued");
        row.GetProperty("unread").GetInt32().ShouldBe(1);
        row.Str("preview").ShouldBe("hello");
    }

    [Fact]
    public async Task ReplyingAssignsTheConversationToTheAgentAndResolvingThenWritingAgainReopensIt()
    {
        var app = _app.App();
        var id = (await app.CustomerSays("u-life", "Is my refund done?")).Str("conversationId");
        var tom = await _app.Agent("tom@lumen.demo");

        await tom.PostJson($"/api/v1/conversations/{id}/replies", new { text = "Yes, yesterday." });
        var afterReply = await tom.GetJson($"/api/v1/conversations/{id}");
        afterReply.GetProperty("summary").Str("status").ShouldBe("assigned");
        afterReply.GetProperty("summary").Str("assigneeName").ShouldBe("Tom Baker");

        (await tom.PostAsync($"/api/v1/conversations/{id}/resolve", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await tom.GetJson($"/api/v1/conversations/{id}")).GetProperty("summary").Str("status").ShouldBe("resolved");
        (await tom.PostAsync($"/api/v1/conversations/{id}/resolve", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var again = await app.CustomerSays("u-life", "One more question");
        again.Str("conversationId").ShouldBe(id);
        var reopened = await tom.GetJson($"/api/v1/conversations/{id}");
        reopened.GetProperty("summary").Str("status").ShouldBe("queued");
        reopened.GetProperty("messages").GetArrayLength().ShouldBe(3);
    }

    [Fact]
    public async Task AnAgentCannotReplyToAColleaguesConversationButASupervisorCanReassignIt()
    {
        var id = (await _app.App().CustomerSays("u-owned", "hi")).Str("conversationId");
        var tom = await _app.Agent("tom@lumen.demo");
        var wang = await _app.Agent("wangqiang@lumen.demo");
        await tom.PostJson($"/api/v1/conversations/{id}/assign", new { });

        var stolen = await wang.PostAsJsonAsync($"/api/v1/conversations/{id}/replies", new { text = "mine now" });
        stolen.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var me = await wang.GetJson("/api/v1/agents/me");
        (await wang.PostAsJsonAsync($"/api/v1/conversations/{id}/assign", new { agentId = me.Str("id") })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await wang.PostAsJsonAsync($"/api/v1/conversations/{id}/replies", new { text = "I'll take it from here." })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var tomMe = await tom.GetJson("/api/v1/agents/me");
        var back = await tom.PostAsJsonAsync($"/api/v1/conversations/{id}/assign", new { agentId = tomMe.Str("id") });
        back.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AnAgentReplyMustNotBeEmptyOrTooLong()
    {
        var id = (await _app.App().CustomerSays("u-empty", "hi")).Str("conversationId");
        var tom = await _app.Agent("tom@lumen.demo");
        var before = await _app.Db(db => db.Messages.CountAsync());

        var empty = await tom.PostAsJsonAsync($"/api/v1/conversations/{id}/replies", new { text = " " });
        var tooLong = await tom.PostAsJsonAsync($"/api/v1/conversations/{id}/replies", new { text = new string('a', 4001) });

        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await empty.Body()).Str("field").ShouldBe("text");
        tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _app.Db(db => db.Messages.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task ConcurrentMessagesToOneConversationAllGetDistinctOrderedSequenceNumbers()
    {
        var app = _app.App();
        var id = (await app.CustomerSays("u-burst", "start")).Str("conversationId");
        var tom = await _app.Agent("tom@lumen.demo");
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => i % 2 == 0
            ? app.CustomerSays("u-burst", $"customer {i}")
            : tom.PostJson($"/api/v1/conversations/{id}/replies", new { text = $"agent {i}" })));

        var seqs = await _app.Db(db => db.Messages.Where(m => m.ConversationId == Guid.Parse(id)).Select(m => m.Seq).ToListAsync());
        seqs.Count.ShouldBe(21);
        seqs.Order().ShouldBe(Enumerable.Range(1, 21).Select(i => (long)i));
        var conversation = await _app.Db(db => db.Conversations.SingleAsync(c => c.Id == Guid.Parse(id)));
        conversation.LastSeq.ShouldBe(21);
    }

    [Fact]
    public async Task TheAgentSeesTheCustomersOtherConversationsOnEveryChannel()
    {
        // The demo customer u-1001 has an app conversation and a website conversation.
        var wang = await _app.Agent("wangqiang@lumen.demo");
        var id = (await _app.App().CustomerSays("u-1001", "还有一个问题")).Str("conversationId");

        var detail = await wang.GetJson($"/api/v1/conversations/{id}");
        detail.GetProperty("contact").Str("externalId").ShouldBe("u-1001");
        var others = detail.GetProperty("otherConversations").EnumerateArray().ToList();
        others.ShouldContain(o => o.Str("channel") == "web");
    }

    [Fact]
    public async Task ConversationStatusesFollowTheStateMachine()
    {
        var c = Conversation.Start(Guid.NewGuid(), Guid.NewGuid(), "web", botFirst: true, DateTimeOffset.UtcNow);
        c.Status.ShouldBe(ConversationStatus.Bot);
        c.RequestHandoff("customer_request", DateTimeOffset.UtcNow).IsSuccess.ShouldBeTrue();
        c.Status.ShouldBe(ConversationStatus.Queued);
        c.RequestHandoff("again", DateTimeOffset.UtcNow).IsFailure.ShouldBeTrue();
        c.Resolve(null, DateTimeOffset.UtcNow).IsSuccess.ShouldBeTrue();
        c.ReceiveFromCustomer("back", "x", null, botFirst: true, DateTimeOffset.UtcNow);
        c.Status.ShouldBe(ConversationStatus.Bot);
        await Task.CompletedTask;
    }
}
