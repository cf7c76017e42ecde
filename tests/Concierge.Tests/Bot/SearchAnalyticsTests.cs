using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concierge.Tests.Infrastructure;

namespace Concierge.Tests.Bot;

/// <summary>Search analytics over what customers asked the bot, through the API.</summary>
public sealed class SearchAnalyticsTests : IAsyncLifetime
{
    private readonly ConciergeApp _app = new(bot: true);

    public async ValueTask InitializeAsync() => await KnowledgeImportTests.Import(_app.Admin(), KnowledgeImportTests.Csv, "?mode=replace&publish=true");
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task Vote(JsonElement sent, bool helpful)
    {
        var answer = sent.GetProperty("replies")[0].Str("id");
        var vote = await _app.App().PostAsJsonAsync($"/api/v1/conversations/{sent.Str("conversationId")}/messages/{answer}/feedback", new { helpful });
        vote.StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task AnalyticsCountAnsweredAndUnansweredQuestionsPerCategoryAndFlagFaqsVotedUnhelpful()
    {
        var app = _app.App();
        await Vote(await app.CustomerSays("u-a1", "What are your opening hours?"), helpful: false);
        await Vote(await app.CustomerSays("u-a2", "what are your opening hours"), helpful: false);
        await Vote(await app.CustomerSays("u-a3", "What are your opening hours?"), helpful: true);
        await app.CustomerSays("u-a4", "How long is the warranty?");
        await app.CustomerSays("u-a5", "Do you sell gift cards?");

        var report = await _app.Admin().GetJson("/api/v1/knowledge/analytics?days=7");

        var totals = report.GetProperty("totals");
        totals.GetProperty("answered").GetInt32().ShouldBe(4);
        totals.GetProperty("fallback").GetInt32().ShouldBe(1);
        totals.GetProperty("knowledgeTurns").GetInt32().ShouldBe(5);
        totals.GetProperty("answerRate").GetDouble().ShouldBe(0.8);

        var top = report.GetProperty("frequentQuestions")[0];
        top.Str("representative").ShouldContain("opening hours", Case.Insensitive);
        top.GetProperty("count").GetInt32().ShouldBe(3);
        top.Str("faqKey").ShouldBe("opening-hours");

        var service = report.GetProperty("categories").EnumerateArray().Single(c => c.Str("category") == "service");
        service.GetProperty("answered").GetInt32().ShouldBe(3);
        service.GetProperty("answeredRate").GetDouble().ShouldBe(1);

        var unhelpful = report.GetProperty("unhelpfulFaqs").EnumerateArray().ToList();
        var hours = unhelpful.ShouldHaveSingleItem();
        hours.Str("faqKey").ShouldBe("opening-hours");
        hours.Str("question").ShouldBe("What are your opening hours?");
        hours.GetProperty("shown").GetInt32().ShouldBe(3);
        hours.GetProperty("helpful").GetInt32().ShouldBe(1);
        hours.GetProperty("notHelpful").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task ThePeriodIsOneToNinetyDaysAndPlainAgentsCannotSeeAnalytics()
    {
        var tooLong = await _app.Admin().GetAsync("/api/v1/knowledge/analytics?days=365");
        tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooLong.Content.ReadFromJsonAsync<JsonElement>()).Str("field").ShouldBe("days");

        var agent = await _app.Agent("tom@lumen.demo");
        (await agent.GetAsync("/api/v1/knowledge/analytics")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
