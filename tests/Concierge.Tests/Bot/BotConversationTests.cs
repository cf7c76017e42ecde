using System.Net;
using Concierge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Tests.Bot;

/// <summary>The bot's turn through the app API: answers, hand-offs, fallbacks, explanations.</summary>
public sealed class BotConversationTests : IAsyncLifetime
{
    private readonly ConciergeApp _app = new(bot: true);

    public async ValueTask InitializeAsync() => await KnowledgeImportTests.Import(_app.Admin(), KnowledgeImportTests.Csv, "?mode=replace&publish=true");
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task AskingForAHumanHandsTheConversationToTheQueueWithTheBotHistory()
    {
        var app = _app.App();
        var first = await app.CustomerSays("u-human", "保修期多久");
        var handoff = await app.CustomerSays("u-human", "转人工");
        var id = handoff.Str("conversationId");

        handoff.GetProperty("replies")[0].Str("text").ShouldContain("人工");
        var tom = await _app.Agent("tom@lumen.demo");
        var detail = await tom.GetJson($"/api/v1/conversations/{id}");
        detail.GetProperty("summary").Str("status").ShouldBe("queued");
        detail.GetProperty("messages").EnumerateArray().Select(m => m.Str("senderType")).ShouldBe(["customer", "bot", "customer", "bot"]);

        var after = await app.CustomerSays("u-human", "hello?");
        after.GetProperty("replies").GetArrayLength().ShouldBe(0, "once handed off, the bot stays quiet");
        first.Str("conversationId").ShouldBe(id);
    }

    [Fact]
    public async Task WhileWaitingForAPersonTheBotStillAnswersWhatItIsSureOfAndFallsSilentOnceAnAgentTakesOver()
    {
        var app = _app.App();
        var handoff = await app.CustomerSays("u-wait", "转人工");
        var id = handoff.Str("conversationId");

        var known = await app.CustomerSays("u-wait", "How long is the warranty?");
        var answer = known.GetProperty("replies")[0].Str("text");
        answer.ShouldContain("two-year warranty");
        answer.ShouldStartWith("While you wait for a teammate");
        var unsure = await app.CustomerSays("u-wait", "What is the capital of Mongolia?");
        unsure.GetProperty("replies").GetArrayLength().ShouldBe(0, "what the bot is not sure of waits for the person");
        var conversation = await _app.Db(db => db.Conversations.SingleAsync(c => c.Id == Guid.Parse(id)));
        conversation.Status.ShouldBe(Concierge.Features.Conversations.ConversationStatus.Queued, "answering while waiting does not take the customer out of the queue");
        var turns = await _app.Admin().GetJson($"/api/v1/conversations/{id}/bot-turns");
        turns.EnumerateArray().ShouldContain(t => t.Str("reason").StartsWith("Waiting for a person.") && t.Str("faqKey") == "warranty");

        var tom = await _app.Agent("tom@lumen.demo");
        await tom.PostJson($"/api/v1/conversations/{id}/assign", new { });
        var taken = await app.CustomerSays("u-wait", "How long is the warranty?");
        taken.GetProperty("replies").GetArrayLength().ShouldBe(0, "once a person has the conversation, the bot stays quiet");
    }

    [Theory]
    [InlineData("I want to talk to a real person")]
    [InlineData("人工客服")]
    [InlineData("can I speak to an agent please")]
    public async Task ExplicitRequestsForAHumanAreRecognisedInBothLanguages(string text)
    {
        var reply = await _app.App().CustomerSays("u-h-" + Guid.NewGuid().ToString("N")[..6], text);
        var id = Guid.Parse(reply.Str("conversationId"));
        (await _app.Db(db => db.Conversations.SingleAsync(c => c.Id == id))).Status.ShouldBe(Concierge.Features.Conversations.ConversationStatus.Queued);
    }

    [Fact]
    public async Task AnAngryCustomerIsHandedToAHuman()
    {
        var reply = await _app.App().CustomerSays("u-angry", "你们太过分了！！！我要投诉到12315！");
        var id = Guid.Parse(reply.Str("conversationId"));
        (await _app.Db(db => db.Conversations.SingleAsync(c => c.Id == id))).Status.ShouldBe(Concierge.Features.Conversations.ConversationStatus.Queued);
        var turn = await _app.Db(db => db.Set<Concierge.Features.Bot.BotTurnRecord>().SingleAsync(t => t.ConversationId == id));
        turn.Action.ShouldBe("handoff");
    }

    [Fact]
    public async Task AQuestionTheBotCannotAnswerGetsAnHonestFallbackAndThenAHuman()
    {
        var app = _app.App();
        var first = await app.CustomerSays("u-unknown", "What is the capital of Mongolia?");
        var reply = first.GetProperty("replies")[0];
        reply.Str("text").ShouldContain("not sure");
        reply.GetProperty("quickReplies").EnumerateArray().Select(q => q.GetString()).ShouldContain("Talk to a human");

        var second = await app.CustomerSays("u-unknown", "Who won the football world cup in 1998?");
        var id = Guid.Parse(second.Str("conversationId"));
        (await _app.Db(db => db.Conversations.SingleAsync(c => c.Id == id))).Status.ShouldBe(Concierge.Features.Conversations.ConversationStatus.Queued);
    }

    [Fact]
    public async Task EachBotTurnExplainsItsCandidatesActionAndReason()
    {
        var sent = await _app.App().CustomerSays("u-why", "How long is the warranty?");
        var admin = _app.Admin();
        var turns = await admin.GetJson($"/api/v1/conversations/{sent.Str("conversationId")}/bot-turns");

        var turn = turns[0];
        turn.Str("action").ShouldBe("answer");
        turn.Str("faqKey").ShouldBe("warranty");
        turn.Str("reason").ShouldNotBeNullOrWhiteSpace();
        turn.GetProperty("candidates")[0].Str("faqKey").ShouldBe("warranty");
    }

    [Fact]
    public async Task GreetingsAndThanksGetAFriendlyAnswerWithoutCountingAsFailures()
    {
        var app = _app.App();
        var hi = await app.CustomerSays("u-hi", "你好");
        hi.GetProperty("replies")[0].Str("text").ShouldContain("您好");
        var thanks = await app.CustomerSays("u-hi", "thank you!");
        thanks.GetProperty("replies").GetArrayLength().ShouldBe(1);
        var id = Guid.Parse(hi.Str("conversationId"));
        (await _app.Db(db => db.Conversations.SingleAsync(c => c.Id == id))).BotFailures.ShouldBe(0);
    }

    [Fact]
    public async Task TheSameClientMessageIdReturnsTheSameBotRepliesWithoutAskingTheBotAgain()
    {
        var app = _app.App();
        var first = await app.CustomerSays("u-idem", "保修期多久", "idem-1");
        var again = await app.CustomerSays("u-idem", "保修期多久", "idem-1");
        again.GetProperty("replies")[0].Str("id").ShouldBe(first.GetProperty("replies")[0].Str("id"));
        var id = Guid.Parse(first.Str("conversationId"));
        (await _app.Db(db => db.Set<Concierge.Features.Bot.BotTurnRecord>().CountAsync(t => t.ConversationId == id))).ShouldBe(1);
    }
}
