using System.Net;
using System.Net.Http.Json;
using Concierge.Features.Conversations;
using Concierge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Tests.Routing;

/// <summary>Routing through the front door: presence, skills, VIP and emotion, the queue, re-queueing, transfers, the risk lock.</summary>
public sealed class RoutingApiTests : IAsyncLifetime
{
    private readonly ConciergeApp _app = new();
    private HttpClient _lina = null!, _tom = null!, _wang = null!;
    private Guid _linaId, _tomId, _wangId;

    public async ValueTask InitializeAsync()
    {
        _lina = await _app.Agent("lina@lumen.demo");
        _tom = await _app.Agent("tom@lumen.demo");
        _wang = await _app.Agent("wangqiang@lumen.demo");
        _linaId = Guid.Parse((await _lina.GetJson("/api/v1/agents/me")).Str("id"));
        _tomId = Guid.Parse((await _tom.GetJson("/api/v1/agents/me")).Str("id"));
        _wangId = Guid.Parse((await _wang.GetJson("/api/v1/agents/me")).Str("id"));
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static async Task Presence(HttpClient agent, string presence) =>
        (await agent.PutAsJsonAsync("/api/v1/agents/me/presence", new { presence })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

    private Task<Conversation> Conversation(Guid id) => _app.Db(db => db.Conversations.AsNoTracking().SingleAsync(c => c.Id == id));

    private async Task<Guid> Says(string externalId, string text, object? attributes = null)
    {
        var sent = await _app.App().PostJson($"/api/v1/inboxes/{ConciergeApp.AppInbox}/messages",
            new { customer = new { externalId, name = externalId, attributes }, text });
        return Guid.Parse(sent.Str("conversationId"));
    }

    [Fact]
    public async Task AnEnglishSpeakingCustomerGoesToTheOnlineAgentWhoSpeaksEnglish()
    {
        await Presence(_lina, "online");
        await Presence(_tom, "online");
        var id = await Says("r-en-1", "Hi, where is my parcel? It has been a week.");

        var conversation = await Conversation(id);
        conversation.Status.ShouldBe(ConversationStatus.Assigned);
        conversation.AssigneeId.ShouldBe(_tomId);
        conversation.RequiredSkills.ShouldContain("english");
        var why = await _tom.GetJson($"/api/v1/conversations/{id}/routing");
        why[0].Str("agentName").ShouldBe("Tom Baker");
        why[0].GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).ShouldContain(r => r!.Contains("english"));
    }

    [Fact]
    public async Task AnUpsetVipGoesToTheSeniorAgentFirst()
    {
        await Presence(_tom, "online");
        await Presence(_lina, "online");
        var id = await Says("r-vip-1", "你们太过分了！退款拖了两个星期还没到账，我非常生气，要投诉！", new { vip = "gold" });

        var conversation = await Conversation(id);
        conversation.AssigneeId.ShouldBe(_linaId, "Li Na is senior; Tom is junior");
        conversation.Emotion.ShouldBe("angry");
        var assist = await _lina.GetJson($"/api/v1/conversations/{id}/assist");
        assist.GetProperty("negative").GetBoolean().ShouldBeTrue();
        assist.GetProperty("soothing").GetArrayLength().ShouldBeGreaterThan(0);
        assist.GetProperty("soothing").EnumerateArray().ShouldContain(s => s.Str("text").Contains("r-vip-1"), "soothing replies are filled with the customer's name");
        assist.GetProperty("summary").Str("wants").ShouldContain("退款");
    }

    [Fact]
    public async Task WithNobodyOnlineCustomersWaitWithAPlaceAndAnEstimateAndTheFirstAgentOnlineTakesThem()
    {
        var first = await Says("r-q-1", "我的订单什么时候发货？");
        var second = await Says("r-q-2", "发票怎么开？");

        (await Conversation(first)).Status.ShouldBe(ConversationStatus.Queued);
        var queue = await _app.App().GetJson($"/api/v1/conversations/{second}/queue");
        queue.GetProperty("waiting").GetBoolean().ShouldBeTrue();
        queue.GetProperty("position").GetInt32().ShouldBe(2);
        queue.GetProperty("estimatedWaitSeconds").GetInt32().ShouldBeGreaterThan(0);

        await Presence(_lina, "online");
        (await Conversation(first)).AssigneeId.ShouldBe(_linaId);
        (await Conversation(second)).AssigneeId.ShouldBe(_linaId);
    }

    [Fact]
    public async Task AnAgentGoingOfflinePutsTheirConversationsBackInTheQueueAndAColleagueTakesThem()
    {
        await Presence(_lina, "online");
        var id = await Says("r-off-1", "收到的杯子有裂缝，可以换货吗？");
        (await Conversation(id)).AssigneeId.ShouldBe(_linaId);

        await Presence(_lina, "offline");
        var requeued = await Conversation(id);
        requeued.Status.ShouldBe(ConversationStatus.Queued);
        requeued.AssigneeId.ShouldBeNull();

        await Presence(_tom, "online");
        (await Conversation(id)).AssigneeId.ShouldBe(_tomId);
    }

    [Fact]
    public async Task BusyAndAwayAgentsKeepTheirChatsButGetNoNewOnes()
    {
        await Presence(_lina, "online");
        var mine = await Says("r-busy-1", "积分怎么用？");
        await Presence(_lina, "busy");
        var next = await Says("r-busy-2", "积分会过期吗？");

        (await Conversation(mine)).AssigneeId.ShouldBe(_linaId);
        (await Conversation(next)).Status.ShouldBe(ConversationStatus.Queued);
    }

    [Fact]
    public async Task ATransferToATeamGoesBackToTheQueueForThatTeamWithTheNote()
    {
        await Presence(_tom, "online");
        var id = await Says("r-tr-1", "I want to return these shoes, they are too small.");
        (await Conversation(id)).AssigneeId.ShouldBe(_tomId);

        (await _tom.PostAsJsonAsync($"/api/v1/conversations/{id}/transfer", new { team = "after-sales", note = "needs a return label" }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var moved = await Conversation(id);
        moved.Status.ShouldBe(ConversationStatus.Queued);
        moved.Team.ShouldBe("after-sales");

        await Presence(_lina, "online");
        (await Conversation(id)).AssigneeId.ShouldBe(_linaId, "Li Na is in the after-sales team");
        var detail = await _lina.GetJson($"/api/v1/conversations/{id}");
        detail.GetProperty("messages").EnumerateArray().ShouldContain(m => m.GetProperty("isPrivate").GetBoolean() && m.Str("text").Contains("needs a return label"));
    }

    [Fact]
    public async Task ARiskLockedConversationCanOnlyBeAnsweredByTheRiskTeam()
    {
        await Presence(_tom, "online");
        var id = await Says("r-risk-1", "Someone used my card without permission!");
        (await _tom.PostAsJsonAsync($"/api/v1/conversations/{id}/risk", new { reason = "possible fraud" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var locked = await Conversation(id);
        locked.RiskLocked.ShouldBeTrue();
        locked.Status.ShouldBe(ConversationStatus.Queued, "Tom is not in the risk team, so it left him");
        var refused = await _tom.PostAsJsonAsync($"/api/v1/conversations/{id}/replies", new { text = "Let me check" });
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        await Presence(_wang, "online");
        (await Conversation(id)).AssigneeId.ShouldBe(_wangId);
        (await _wang.PostAsJsonAsync($"/api/v1/conversations/{id}/replies", new { text = "我们已冻结相关交易。" })).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task NotesNeverReachTheCustomerAndMentionTheColleague()
    {
        await Presence(_tom, "online");
        var id = await Says("r-note-1", "Can I change the delivery address?");
        var note = await _tom.PostJson($"/api/v1/conversations/{id}/notes", new { text = "@lina could you check the warehouse?" });
        note.GetProperty("mentioned").EnumerateArray().Select(m => m.GetString()).ShouldBe(["李娜 Li Na"]);

        var customerView = await _app.App().GetJson($"/api/v1/conversations/{id}/messages");
        customerView.EnumerateArray().ShouldNotContain(m => m.Str("text").Contains("warehouse"));
        var mentions = await _lina.GetJson("/api/v1/mentions?unread=true");
        mentions.EnumerateArray().ShouldContain(m => m.Str("conversationId") == id.ToString());
    }

    [Fact]
    public async Task BadPresenceAndTransfersAreRefusedWithAClearProblem()
    {
        var bad = await _tom.PutAsJsonAsync("/api/v1/agents/me/presence", new { presence = "sleeping" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Body()).Str("field").ShouldBe("presence");

        await Presence(_tom, "online");
        var id = await Says("r-bad-1", "Hello, is anyone there?");
        var both = await _tom.PostAsJsonAsync($"/api/v1/conversations/{id}/transfer", new { agentId = _linaId, team = "risk" });
        both.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var nobody = await _tom.PostAsJsonAsync($"/api/v1/conversations/{id}/transfer", new { team = "astronauts" });
        nobody.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await nobody.Body()).Str("field").ShouldBe("team");
        (await Conversation(id)).AssigneeId.ShouldBe(_tomId, "nothing changed");
    }

    [Fact]
    public async Task RoutingStateSurvivesARestart()
    {
        await Presence(_lina, "online");
        var held = await Says("r-rs-1", "我想开发票");
        await Presence(_lina, "busy");
        var waiting = await Says("r-rs-2", "会员怎么升级？");

        await using var again = new ConciergeApp(_app.Database);
        _ = again.BaseAddress; // starts the second server, which rebuilds routing from the database
        var router = again.Service<Concierge.Features.Routing.RoutingDesk>().Router;
        router.AgentOf(held).ShouldBe(_linaId);
        router.IsWaiting(waiting).ShouldBeTrue();
    }

    [Fact]
    public async Task TheSupervisorSeesQueuesAgentsAndLoads()
    {
        await Presence(_lina, "online");
        await Says("r-sv-1", "你好，我想咨询退货");
        var view = await _wang.GetJson("/api/v1/supervisor");
        view.GetProperty("agents").EnumerateArray().ShouldContain(a => a.Str("name") == "李娜 Li Na" && a.GetProperty("load").GetInt32() >= 1);
        (await _tom.GetAsync("/api/v1/supervisor")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
