using Concierge.Features.Routing.Engine;

namespace Concierge.Tests.Routing;

/// <summary>Idempotent enqueue, manual loads and transfers, positions and estimated waits, explanations, the snapshot.</summary>
public sealed class RouterBookkeepingTests
{
    private readonly RouterTestKit _kit = new();
    private Router Router => _kit.Router;

    // ── Queue bookkeeping ───────────────────────────────────────────────────────────────────────────────

    [Fact]
    public void EnqueuingTheSameConversationTwiceKeepsOneEntry()
    {
        var item = _kit.Item(skills: ["german"]);

        _kit.EnqueueOne(item).ShouldBeNull();
        _kit.EnqueueOne(item).ShouldBeNull();

        Router.Snapshot().Waiting.ShouldHaveSingleItem().ConversationId.ShouldBe(item.ConversationId);
        Router.PositionOf(item.ConversationId).ShouldNotBeNull().Waiting.ShouldBe(1);
    }

    [Fact]
    public void ReenqueuingAWaitingConversationReplacesItsRequirements()
    {
        var ann = _kit.Add("Ann", skills: ["english"]);
        var item = _kit.Item(skills: ["german"]);
        _kit.EnqueueOne(item).ShouldBeNull();

        var assignment = _kit.EnqueueOne(item with { RequiredSkills = ["english"] }).ShouldNotBeNull();

        assignment.AgentId.ShouldBe(ann.Id);
        Router.IsWaiting(item.ConversationId).ShouldBeFalse();
        Router.Snapshot().Waiting.ShouldBeEmpty();
    }

    [Fact]
    public void EnqueuingAConversationAnAgentHoldsChangesNothing()
    {
        var ann = _kit.Add("Ann", capacity: 5);
        _kit.Add("Bob", capacity: 5);
        var item = _kit.Item();
        var first = _kit.EnqueueOne(item).ShouldNotBeNull();

        _kit.EnqueueOne(item).ShouldBeNull();
        _kit.EnqueueOne(item with { VipLevel = 3 }).ShouldBeNull();

        first.AgentId.ShouldBe(ann.Id);
        Router.AgentOf(item.ConversationId).ShouldBe(ann.Id);
        Router.IsWaiting(item.ConversationId).ShouldBeFalse();
        Router.Snapshot().Agents.Sum(a => a.Load).ShouldBe(1);
    }

    [Fact]
    public void RemovingAConversationStopsItWaiting()
    {
        var item = _kit.Item();
        _kit.EnqueueOne(item);

        Router.Remove(item.ConversationId).ShouldBeTrue();
        Router.Remove(item.ConversationId).ShouldBeFalse();

        Router.IsWaiting(item.ConversationId).ShouldBeFalse();
        Router.PositionOf(item.ConversationId).ShouldBeNull();
        _kit.Add("Ann");
        Router.AgentOf(item.ConversationId).ShouldBeNull();
    }

    [Fact]
    public void AManualAssignmentTakesTheConversationOutOfTheQueueAndCountsAsLoad()
    {
        var ann = _kit.Add("Ann", capacity: 1, presence: Presence.Busy);
        var item = _kit.Item();
        _kit.EnqueueOne(item);

        Router.AddLoad(ann.Id, item.ConversationId);
        Router.SetPresence(ann.Id, Presence.Online).Assigned.ShouldBeEmpty();

        Router.IsWaiting(item.ConversationId).ShouldBeFalse();
        Router.AgentOf(item.ConversationId).ShouldBe(ann.Id);
        _kit.EnqueueOne(_kit.Item()).ShouldBeNull();
    }

    [Fact]
    public void ATransferMovesTheConversationAndTheFreedAgentTakesMoreWorkOnTheTick()
    {
        var ann = _kit.Add("Ann", capacity: 1);
        var bob = _kit.Add("Bob", capacity: 1, presence: Presence.Busy);
        var held = _kit.EnqueueOne(_kit.Item()).ShouldNotBeNull();
        var waiting = _kit.Item();
        _kit.EnqueueOne(waiting).ShouldBeNull();

        Router.AddLoad(bob.Id, held.ConversationId);

        Router.AgentOf(held.ConversationId).ShouldBe(bob.Id);
        Router.Tick().ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            a => a.AgentId.ShouldBe(ann.Id), a => a.ConversationId.ShouldBe(waiting.ConversationId));
    }

    [Fact]
    public void LoadsRecordedBeforeTheAgentIsKnownAreKeptWhenItArrives()
    {
        var ann = _kit.Agent("Ann", capacity: 2);
        var held = Guid.NewGuid();
        Router.AddLoad(ann.Id, held);

        Router.UpsertAgent(ann);

        Router.AgentOf(held).ShouldBe(ann.Id);
        Router.Snapshot().Agents.Single().ShouldSatisfyAllConditions(a => a.Load.ShouldBe(1), a => a.Capacity.ShouldBe(2));
    }

    [Fact]
    public void ARemovedAgentIsForgottenAndReceivesNothing()
    {
        var ann = _kit.Add("Ann");
        var held = _kit.EnqueueOne(_kit.Item()).ShouldNotBeNull();

        Router.RemoveAgent(ann.Id);

        Router.AgentOf(held.ConversationId).ShouldBeNull();
        Router.Snapshot().Agents.ShouldBeEmpty();
        _kit.EnqueueOne(_kit.Item()).ShouldBeNull();
        Router.SetPresence(ann.Id, Presence.Online).ShouldSatisfyAllConditions(c => c.Orphaned.ShouldBeEmpty(), c => c.Assigned.ShouldBeEmpty());
    }

    // ── Positions and estimated wait ────────────────────────────────────────────────────────────────────

    [Fact]
    public void PositionsCountWithinEachInbox()
    {
        var a = _kit.Item(agoSeconds: 30);
        var b = _kit.Item(agoSeconds: 20, inbox: _kit.OtherInbox);
        var c = _kit.Item(agoSeconds: 10);
        foreach (var item in new[] { a, b, c }) _kit.EnqueueOne(item);

        Router.PositionOf(a.ConversationId).ShouldNotBeNull().ShouldSatisfyAllConditions(p => p.Position.ShouldBe(1), p => p.Waiting.ShouldBe(2));
        Router.PositionOf(c.ConversationId).ShouldNotBeNull().Position.ShouldBe(2);
        Router.PositionOf(b.ConversationId).ShouldNotBeNull().ShouldSatisfyAllConditions(p => p.Position.ShouldBe(1), p => p.Waiting.ShouldBe(1));
        Router.PositionOf(Guid.NewGuid()).ShouldBeNull();
    }

    [Fact]
    public void PositionsMoveUpWhenConversationsAheadLeaveAndDownWhenAVipArrives()
    {
        _kit.Fill(_kit.Add("Ann", capacity: 1));
        var items = Enumerable.Range(0, 4).Select(i => _kit.Item(agoSeconds: 40 - i)).ToList();
        items.ForEach(i => _kit.EnqueueOne(i));
        Router.PositionOf(items[3].ConversationId)!.Position.ShouldBe(4);

        Router.Remove(items[0].ConversationId);
        Router.PositionOf(items[3].ConversationId)!.ShouldSatisfyAllConditions(p => p.Position.ShouldBe(3), p => p.Waiting.ShouldBe(3));

        _kit.EnqueueOne(_kit.Item(vip: 1));
        Router.PositionOf(items[3].ConversationId)!.Position.ShouldBe(4);
        Router.Snapshot().Waiting.Select(w => w.Position).ShouldBe([1, 2, 3, 4]);
    }

    [Fact]
    public void TheEstimateFollowsAgentsComingOnlineAndLeaving()
    {
        var ann = _kit.Add("Ann", capacity: 1);
        _kit.Fill(ann);
        var item = _kit.Item();
        _kit.EnqueueOne(item);
        Router.PositionOf(item.ConversationId)!.EstimatedWait.ShouldBe(TimeSpan.FromSeconds(60));

        var bob = _kit.Add("Bob", capacity: 1, presence: Presence.Busy);
        Router.PositionOf(item.ConversationId)!.EstimatedWait.ShouldBe(TimeSpan.FromSeconds(60));
        _kit.Clock.Advance(TimeSpan.FromSeconds(30));
        Router.SetPresence(bob.Id, Presence.Online).Assigned.ShouldHaveSingleItem();   // Bob takes it after 30 s
        var next = _kit.Item();
        _kit.EnqueueOne(next);
        Router.PositionOf(next.ConversationId)!.EstimatedWait.ShouldBe(TimeSpan.FromSeconds(15));   // 30 s × 1 ÷ 2 agents

        Router.RemoveAgent(bob.Id);
        Router.PositionOf(next.ConversationId)!.EstimatedWait.ShouldBe(TimeSpan.FromSeconds(30));
        Router.SetPresence(ann.Id, Presence.Away);
        Router.PositionOf(next.ConversationId)!.EstimatedWait.ShouldBe(TimeSpan.FromSeconds(30));   // ÷ max(1, 0)
    }

    [Fact]
    public void WithoutHistoryTheEstimateIsSixtySecondsPerPositionSharedByTheOnlineAgents()
    {
        _kit.Fill(_kit.Add("Ann", capacity: 1));
        _kit.Fill(_kit.Add("Bob", capacity: 1));
        _kit.Add("Elsewhere", inboxes: [_kit.OtherInbox]);
        var items = Enumerable.Range(0, 3).Select(i => _kit.Item(agoSeconds: 10 - i)).ToList();
        items.ForEach(i => _kit.EnqueueOne(i));

        Router.PositionOf(items[0].ConversationId)!.EstimatedWait.ShouldBe(TimeSpan.FromSeconds(30));
        Router.PositionOf(items[2].ConversationId)!.EstimatedWait.ShouldBe(TimeSpan.FromSeconds(90));
    }

    [Fact]
    public void WithNobodyOnlineTheEstimateIsStillPositiveAndFinite()
    {
        var item = _kit.Item();
        _kit.EnqueueOne(item);

        Router.PositionOf(item.ConversationId)!.EstimatedWait.ShouldBe(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public void TheEstimateLearnsFromHowLongConversationsActuallyWaited()
    {
        var ann = _kit.Add("Ann", capacity: 1);
        var held = _kit.EnqueueOne(_kit.Item()).ShouldNotBeNull();
        var waited = _kit.Item();
        _kit.EnqueueOne(waited);
        _kit.Clock.Advance(TimeSpan.FromSeconds(20));
        Router.Release(held.ConversationId).Single().ConversationId.ShouldBe(waited.ConversationId);   // waited 20 s

        var next = _kit.Item();
        var after = _kit.Item();
        _kit.EnqueueOne(next);
        _kit.EnqueueOne(after);

        Router.PositionOf(next.ConversationId)!.EstimatedWait.ShouldBe(TimeSpan.FromSeconds(20));
        Router.PositionOf(after.ConversationId)!.EstimatedWait.ShouldBe(TimeSpan.FromSeconds(40));
        Router.ConversationsOf(ann.Id).ShouldBe([waited.ConversationId]);
    }

    // ── Explanations and snapshot ───────────────────────────────────────────────────────────────────────

    [Fact]
    public void EveryAssignmentSaysWhoWasEligibleAndWhyThisAgent()
    {
        _kit.Add("Ann", skills: ["refund", "english"], level: AgentLevel.Senior, capacity: 5);
        var lina = _kit.Add("Lina", skills: ["refund", "english"], level: AgentLevel.Expert, capacity: 5);
        _kit.Load(lina, 1);
        _kit.Clock.Advance(TimeSpan.FromSeconds(40));
        _kit.Add("Junior", skills: ["refund", "english"]);

        var assignment = _kit.EnqueueOne(_kit.Item(skills: ["refund", "english"], vip: 2)).ShouldNotBeNull();

        assignment.Why.ShouldSatisfyAllConditions(
            w => w.Trigger.ShouldBe("enqueued"),
            w => w.EligibleAgents.ShouldBe(3),
            w => w.SkillsRelaxed.ShouldBeFalse(),
            w => w.SeniorFirst.ShouldBeTrue());
        assignment.Why.Reasons.ShouldBe([
            "needs skills refund, english",
            "VIP 2 — queued ahead, senior agents first",
            "3 agents eligible",
            "Lina: expert, 1/5 chats, idle 40 s — most senior",
        ]);
    }

    [Fact]
    public void TheSnapshotShowsLoadsAndTheQueueInOrder()
    {
        var ann = _kit.Add("Ann", capacity: 1, level: AgentLevel.Senior);
        var held = _kit.EnqueueOne(_kit.Item()).ShouldNotBeNull();
        var first = _kit.Item(vip: 1, team: "risk", skills: ["fraud"]);
        var second = _kit.Item(agoSeconds: 5);
        _kit.EnqueueOne(second);
        _kit.EnqueueOne(first);

        var snapshot = Router.Snapshot();

        var agent = snapshot.Agents.ShouldHaveSingleItem();
        agent.ShouldSatisfyAllConditions(
            a => a.AgentId.ShouldBe(ann.Id), a => a.Name.ShouldBe("Ann"), a => a.Presence.ShouldBe(Presence.Online),
            a => a.Level.ShouldBe(AgentLevel.Senior), a => a.Load.ShouldBe(1), a => a.Capacity.ShouldBe(1),
            a => a.Conversations.ShouldBe([held.ConversationId]), a => a.IdleSince.ShouldBe(_kit.Clock.Now));
        snapshot.Waiting.Select(w => (w.ConversationId, w.Position)).ShouldBe([(first.ConversationId, 1), (second.ConversationId, 2)]);
        snapshot.Waiting[0].ShouldSatisfyAllConditions(
            w => w.Team.ShouldBe("risk"), w => w.VipLevel.ShouldBe(1), w => w.RequiredSkills.ShouldBe(["fraud"]),
            w => w.InboxId.ShouldBe(_kit.Inbox));
    }
}
