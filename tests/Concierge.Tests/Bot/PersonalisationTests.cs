using System.Net.Http.Json;
using Concierge.Features.Conversations;
using Concierge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Tests.Bot;

/// <summary>VIP customers: their own greeting, or straight to a human when the inbox says so.</summary>
public sealed class PersonalisationTests : IAsyncLifetime
{
    private readonly ConciergeApp _app = new(bot: true);

    public async ValueTask InitializeAsync() => await KnowledgeImportTests.Import(_app.Admin(), KnowledgeImportTests.Csv, "?mode=replace&publish=true");
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private Task<System.Text.Json.JsonElement> VipSays(string externalId, string text) =>
        _app.App().PostJson($"/api/v1/inboxes/{ConciergeApp.AppInbox}/messages",
            new { customer = new { externalId, name = "王芳", attributes = new { vip = "gold" } }, text });

    [Fact]
    public async Task AVipSkipsTheBotWhenTheInboxSaysSo()
    {
        (await _app.Admin().PatchAsJsonAsync($"/api/v1/inboxes/{ConciergeApp.AppInbox}", new { vipSkipsBot = true })).EnsureSuccessStatusCode();
        var sent = await VipSays("u-vip-skip", "保修期多久");

        sent.GetProperty("replies").GetArrayLength().ShouldBe(0);
        var id = Guid.Parse(sent.Str("conversationId"));
        (await _app.Db(db => db.Conversations.SingleAsync(c => c.Id == id))).Status.ShouldBe(ConversationStatus.Queued);
        (await _app.Db(db => db.Contacts.SingleAsync(c => c.ExternalId == "u-vip-skip"))).VipLevel.ShouldBe("gold");
    }

    [Fact]
    public async Task AVipIsGreetedByNameBeforeTheAnswer()
    {
        (await _app.Admin().PatchAsJsonAsync($"/api/v1/inboxes/{ConciergeApp.AppInbox}",
            new { vipSkipsBot = false, vipGreeting = "尊敬的{{customer.name}}，欢迎回来！" })).EnsureSuccessStatusCode();
        var sent = await VipSays("u-vip-hi", "保修期多久");

        var replies = sent.GetProperty("replies").EnumerateArray().Select(r => r.Str("text")).ToList();
        replies[0].ShouldBe("尊敬的王芳，欢迎回来！");
        replies[1].ShouldContain("two-year warranty");
        var again = await VipSays("u-vip-hi", "保修期多久");
        again.GetProperty("replies").GetArrayLength().ShouldBe(1, "the greeting is said once");
    }

    [Fact]
    public async Task OrdinaryCustomersGetNoVipTreatment()
    {
        (await _app.Admin().PatchAsJsonAsync($"/api/v1/inboxes/{ConciergeApp.AppInbox}", new { vipSkipsBot = true, vipGreeting = "VIP!" })).EnsureSuccessStatusCode();
        var sent = await _app.App().CustomerSays("u-plain", "保修期多久");
        sent.GetProperty("replies").EnumerateArray().Select(r => r.Str("text")).ShouldNotContain("VIP!");
        sent.GetProperty("replies").GetArrayLength().ShouldBe(1);
    }
}
