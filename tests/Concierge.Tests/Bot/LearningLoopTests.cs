using System.Net;
using System.Net.Http.Json;
using Concierge.Features.Knowledge.Learning;
using Concierge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Tests.Bot;

/// <summary>Unknown question → knowledge task → a reviewer attaches it → the next customer gets the answer.</summary>
public sealed class LearningLoopTests : IAsyncLifetime
{
    private readonly ConciergeApp _app = new(bot: true);

    public async ValueTask InitializeAsync() => await KnowledgeImportTests.Import(_app.Admin(), KnowledgeImportTests.Csv, "?mode=replace&publish=true");
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task AnUnansweredQuestionBecomesATaskAndOnceAttachedTheNextCustomerGetsTheAnswer()
    {
        var app = _app.App();
        await app.CustomerSays("u-l1", "Is there a physical store in Shenzhen?");
        await app.CustomerSays("u-l2", "is there a physical shop in shenzhen");

        var tasks = await _app.Admin().GetJson("/api/v1/knowledge/tasks");
        var task = tasks.EnumerateArray().First(t => t.Str("representative").Contains("shenzhen", StringComparison.OrdinalIgnoreCase));
        task.GetProperty("count").GetInt32().ShouldBe(2);
        var ids = task.GetProperty("questionIds").EnumerateArray().Select(i => i.GetString()).ToArray();

        var resolved = await _app.Admin().PostAsJsonAsync("/api/v1/knowledge/tasks/resolve", new { questionIds = ids, attachTo = "opening-hours" });
        resolved.StatusCode.ShouldBe(HttpStatusCode.OK);

        var next = await app.CustomerSays("u-l3", "Is there a physical store in Shenzhen?");
        next.GetProperty("replies")[0].Str("text").ShouldContain("8:00 to 22:00");
        (await _app.Admin().GetJson("/api/v1/knowledge/tasks")).EnumerateArray()
            .ShouldNotContain(t => t.Str("representative").Contains("shenzhen", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task AReviewerCanCreateANewFaqFromATask()
    {
        await _app.App().CustomerSays("u-gift", "Do you sell gift cards?");
        var task = (await _app.Admin().GetJson("/api/v1/knowledge/tasks")).EnumerateArray().First(t => t.Str("representative").Contains("gift cards"));

        var created = await _app.Admin().PostAsJsonAsync("/api/v1/knowledge/tasks/resolve", new
        {
            questionIds = task.GetProperty("questionIds").EnumerateArray().Select(i => i.GetString()).ToArray(),
            create = new { key = "gift-cards", question = "Do you sell gift cards?", answer = "Yes, digital gift cards from 50 to 2000 yuan.", category = "products" },
        });
        created.StatusCode.ShouldBe(HttpStatusCode.OK);

        var next = await _app.App().CustomerSays("u-gift2", "Do you sell gift cards?");
        next.GetProperty("replies")[0].Str("text").ShouldContain("digital gift cards");
    }

    [Fact]
    public async Task ANotHelpfulVoteSendsTheQuestionToReviewAndAHelpfulOneDoesNot()
    {
        var sent = await _app.App().CustomerSays("u-vote", "What are your opening hours?");
        var answer = sent.GetProperty("replies")[0].Str("id");
        var conversation = sent.Str("conversationId");

        var vote = await _app.App().PostAsJsonAsync($"/api/v1/conversations/{conversation}/messages/{answer}/feedback", new { helpful = false });
        vote.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var collected = await _app.Db(db => db.Set<UnansweredQuestion>().SingleAsync(q => q.ConversationId == Guid.Parse(conversation)));
        collected.Reason.ShouldBe("not_helpful");
        collected.FaqKey.ShouldBe("opening-hours");

        (await _app.App().PostAsJsonAsync($"/api/v1/conversations/{conversation}/messages/{answer}/feedback", new { helpful = true })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await _app.Db(db => db.Set<UnansweredQuestion>().CountAsync(q => q.ConversationId == Guid.Parse(conversation)))).ShouldBe(0);
    }

    [Fact]
    public async Task OnlyBotAnswersCanBeRatedAndOnlyByTheirOwnCustomer()
    {
        var sent = await _app.App().CustomerSays("u-rate", "What are your opening hours?");
        var conversation = sent.Str("conversationId");
        var customerMessage = sent.Str("messageId");

        var own = await _app.App().PostAsJsonAsync($"/api/v1/conversations/{conversation}/messages/{customerMessage}/feedback", new { helpful = false });
        own.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var missing = await _app.App().PostAsJsonAsync($"/api/v1/conversations/{conversation}/messages/{Guid.NewGuid()}/feedback", new { helpful = false });
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
