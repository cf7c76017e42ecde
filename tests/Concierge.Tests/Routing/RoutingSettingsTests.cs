using System.Net;
using System.Net.Http.Json;
using Concierge.Features.Conversations;
using Concierge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Tests.Routing;

/// <summary>Per-inbox routing settings: the bot's roll-out stage and business hours.</summary>
public sealed class RoutingSettingsTests : IAsyncLifetime
{
    private readonly ConciergeApp _app = new(bot: true);

    public async ValueTask InitializeAsync() => await Concierge.Tests.Bot.KnowledgeImportTests.Import(_app.Admin(),
        Concierge.Tests.Bot.KnowledgeImportTests.Csv, "?mode=replace&publish=true");
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private Task<HttpResponseMessage> Put(object body) => _app.Admin().PutAsJsonAsync($"/api/v1/inboxes/{ConciergeApp.AppInbox}/routing", body);

    [Fact]
    public async Task InHumanFirstRolloutTheBotStaysQuietAndTheCustomerWaitsForAnAgent()
    {
        (await Put(new { rollout = "human-first" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var sent = await _app.App().CustomerSays("rs-human", "保修期多久");

        sent.GetProperty("replies").GetArrayLength().ShouldBe(0);
        var id = Guid.Parse(sent.Str("conversationId"));
        (await _app.Db(db => db.Conversations.SingleAsync(c => c.Id == id))).Status.ShouldBe(ConversationStatus.Queued);
        (await _app.Admin().GetJson($"/api/v1/inboxes/{ConciergeApp.AppInbox}/routing")).Str("rollout").ShouldBe("human-first");
    }

    [Fact]
    public async Task OutOfHoursTheCustomerIsAskedToLeaveAMessageWhichWaitsAsAFollowUp()
    {
        // Open every day but today (UTC), so it is closed now whatever the time.
        var today = DateTime.UtcNow.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)DateTime.UtcNow.DayOfWeek;
        var days = Enumerable.Range(1, 7).Where(d => d != today).ToArray();
        (await Put(new { rollout = "human-first", businessHours = new { timeZone = "UTC", days, open = "00:00", close = "23:59" } }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var id = Guid.Parse((await _app.App().CustomerSays("rs-night", "我想改地址")).Str("conversationId"));
        var conversation = await _app.Db(db => db.Conversations.SingleAsync(c => c.Id == id));
        conversation.FollowUp.ShouldBeTrue();
        var messages = await _app.App().GetJson($"/api/v1/conversations/{id}/messages");
        messages.EnumerateArray().ShouldContain(m => m.Str("senderType") == "system" && m.Str("text").Contains("非工作时间"));
        var followUps = await _app.Admin().GetJson("/api/v1/conversations?filter=followup");
        followUps.EnumerateArray().ShouldContain(c => c.Str("id") == id.ToString());
    }

    [Fact]
    public async Task BadSettingsAreRefusedAndChangeNothing()
    {
        var badHours = await Put(new { businessHours = new { timeZone = "Mars/Olympus", days = new[] { 1 }, open = "09:00", close = "18:00" } });
        badHours.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badHours.Body()).Str("field").ShouldBe("businessHours.timeZone");
        var badRollout = await Put(new { rollout = "robots-only" });
        (await badRollout.Body()).Str("field").ShouldBe("rollout");
        var tom = await _app.Agent("tom@lumen.demo");
        (await tom.PutAsJsonAsync($"/api/v1/inboxes/{ConciergeApp.AppInbox}/routing", new { rollout = "human-first" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _app.Admin().GetJson($"/api/v1/inboxes/{ConciergeApp.AppInbox}/routing")).Str("rollout").ShouldBe("bot-review", "the demo inboxes start in review mode");
    }

    [Fact]
    public async Task AnInboxsOwnBotThresholdsApplyAndBadOnesAreRefused()
    {
        (await Put(new { bot = new { failuresBeforeHandoff = 1, riskKeywords = new[] { "律师函" } } })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var sent = await _app.App().CustomerSays("rs-th", "zxqv blorp flumph wibble");
        var id = Guid.Parse(sent.Str("conversationId"));
        (await _app.Db(db => db.Conversations.SingleAsync(c => c.Id == id))).Status.ShouldBe(ConversationStatus.Queued, "one failed turn is enough here");

        var risky = Guid.Parse((await _app.App().CustomerSays("rs-risk", "我要给你们发律师函")).Str("conversationId"));
        (await _app.Db(db => db.Conversations.SingleAsync(c => c.Id == risky))).RiskLocked.ShouldBeTrue();

        var bad = await Put(new { bot = new { clarifyMargin = 2 } });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Body()).Str("field").ShouldBe("bot.clarifyMargin");
        (await _app.Admin().GetJson($"/api/v1/inboxes/{ConciergeApp.AppInbox}/routing")).GetProperty("bot").GetProperty("failuresBeforeHandoff").GetInt32().ShouldBe(1);
    }
}
