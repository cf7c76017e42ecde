using Concierge.Features.Routing.Engine;

namespace Concierge.Tests.Routing;

/// <summary>Queue order (the aging key), what a freed agent takes, and skill relaxation (docs/routing.md).</summary>
public sealed class RouterQueueTests
{
    private readonly RouterTestKit _kit = new();
    private Router Router => _kit.Router;

    // ── Queue order ─────────────────────────────────────────────────────────────────────────────────────

    [Fact]
    public void AVipConversationQueuesAheadOfOrdinaryOnesThatArrivedShortlyBefore()
    {
        var ann = _kit.Add("Ann", capacity: 1);
        _kit.Fill(ann);
        var ordinary = _kit.Item(agoSeconds: 60);
        var vip = _kit.Item(vip: 1);
        _kit.EnqueueOne(ordinary);
        _kit.EnqueueOne(vip);

        Router.PositionOf(vip.ConversationId).ShouldNotBeNull().Position.ShouldBe(1);
        Router.Release(Router.ConversationsOf(ann.Id)[0]).Single().ConversationId.ShouldBe(vip.ConversationId);
    }

    [Fact]
    public void AnOrdinaryConversationThatHasWaitedLongerThanTheBoostStaysAheadOfAFreshVip()
    {
        var ann = _kit.Add("Ann", capacity: 1);
        _kit.Fill(ann);
        var ordinary = _kit.Item(agoSeconds: 121);               // VIP boost is 120 s
        var vip = _kit.Item(vip: 3);
        _kit.EnqueueOne(vip);
        _kit.EnqueueOne(ordinary);

        Router.PositionOf(ordinary.ConversationId).ShouldNotBeNull().Position.ShouldBe(1);
        Router.Release(Router.ConversationsOf(ann.Id)[0]).Single().ConversationId.ShouldBe(ordinary.ConversationId);
    }

    [Fact]
    public void NegativeEmotionQueuesAheadByItsOwnSmallerBoostAndBoostsAddUp()
    {
        _kit.Fill(_kit.Add("Ann", capacity: 1));
        var ordinary = _kit.Item(agoSeconds: 90);
        var negative = _kit.Item(negative: true, agoSeconds: 20);   // key: −80 s, behind the ordinary one at −90 s
        var vipNegative = _kit.Item(vip: 1, negative: true);       // key: −180 s, first
        foreach (var item in new[] { ordinary, negative, vipNegative }) _kit.EnqueueOne(item);

        Router.Snapshot().Waiting.Select(w => w.ConversationId)
            .ShouldBe([vipNegative.ConversationId, ordinary.ConversationId, negative.ConversationId]);
    }

    [Fact]
    public void EqualKeysAreOrderedByArrivalThenById()
    {
        _kit.Fill(_kit.Add("Ann", capacity: 1));
        var vipLater = _kit.Item(vip: 1, agoSeconds: 0);             // key now − 120 s, arrived now
        var ordinaryEarlier = _kit.Item(agoSeconds: 120);            // same key, arrived earlier
        var sameA = _kit.Item(agoSeconds: 10);
        var sameB = _kit.Item(agoSeconds: 10);
        foreach (var item in new[] { sameB, vipLater, sameA, ordinaryEarlier }) _kit.EnqueueOne(item);

        Router.Snapshot().Waiting.Select(w => w.ConversationId)
            .ShouldBe([ordinaryEarlier.ConversationId, vipLater.ConversationId, sameA.ConversationId, sameB.ConversationId]);
    }

    [Fact]
    public void ChangingTheBoostsReordersTheWaitingConversations()
    {
        _kit.Fill(_kit.Add("Ann", capacity: 1));
        var ordinary = _kit.Item(agoSeconds: 60);
        var vip = _kit.Item(vip: 1);
        _kit.EnqueueOne(ordinary);
        _kit.EnqueueOne(vip);

        Router.SetRules(_kit.Inbox, InboxRules.Default with { VipBoostSeconds = 0 });

        Router.PositionOf(ordinary.ConversationId).ShouldNotBeNull().Position.ShouldBe(1);
        Router.PositionOf(vip.ConversationId).ShouldNotBeNull().Position.ShouldBe(2);
    }

    // ── Freed agents ────────────────────────────────────────────────────────────────────────────────────

    [Fact]
    public void AFreedAgentTakesTheFirstWaitingConversationItIsEligibleFor()
    {
        var ann = _kit.Add("Ann", skills: ["english"], capacity: 1);
        var held = _kit.EnqueueOne(_kit.Item()).ShouldNotBeNull();
        var german = _kit.Item(skills: ["german"], agoSeconds: 50);
        var team = _kit.Item(team: "risk", agoSeconds: 40);
        var other = _kit.Item(agoSeconds: 45, inbox: _kit.OtherInbox);
        var english = _kit.Item(skills: ["english"], agoSeconds: 30);
        var later = _kit.Item(agoSeconds: 20);
        foreach (var item in new[] { german, team, other, english, later }) _kit.EnqueueOne(item).ShouldBeNull();

        var assigned = Router.Release(held.ConversationId);

        var next = assigned.ShouldHaveSingleItem();
        next.ConversationId.ShouldBe(english.ConversationId);
        next.AgentId.ShouldBe(ann.Id);
        next.Why.Trigger.ShouldBe("agent-free");
        next.Why.Reasons.ShouldContain(r => r.StartsWith("Ann had room; this was the first waiting conversation they could take"));
        Router.IsWaiting(english.ConversationId).ShouldBeFalse();
    }

    [Fact]
    public void AFreedAgentOfSeveralInboxesTakesTheEarliestAcrossThem()
    {
        var ann = _kit.Add("Ann", inboxes: [_kit.Inbox, _kit.OtherInbox], capacity: 1);
        _kit.Fill(ann);
        var here = _kit.Item(agoSeconds: 10);
        var there = _kit.Item(agoSeconds: 20, inbox: _kit.OtherInbox);
        _kit.EnqueueOne(here);
        _kit.EnqueueOne(there);

        Router.Release(Router.ConversationsOf(ann.Id)[0]).Single().ConversationId.ShouldBe(there.ConversationId);
    }

    [Fact]
    public void ABusyAgentWhoFreesUpTakesNothingNew()
    {
        var ann = _kit.Add("Ann", capacity: 1);
        var held = _kit.EnqueueOne(_kit.Item()).ShouldNotBeNull();
        _kit.EnqueueOne(_kit.Item());
        Router.SetPresence(ann.Id, Presence.Busy);

        Router.Release(held.ConversationId).ShouldBeEmpty();
    }

    [Fact]
    public void AnAgentGivenMoreCapacityOrSkillsTakesWaitingWorkAtOnce()
    {
        var ann = _kit.Add("Ann", capacity: 1);
        _kit.Fill(ann);
        var plain = _kit.Item(agoSeconds: 5);
        var refund = _kit.Item(skills: ["refund"]);
        _kit.EnqueueOne(plain);
        _kit.EnqueueOne(refund);

        Router.UpsertAgent(ann with { Capacity = 2 }).Single().ConversationId.ShouldBe(plain.ConversationId);
        Router.UpsertAgent(ann with { Capacity = 3, Skills = ["refund"] }).Single().ConversationId.ShouldBe(refund.ConversationId);
        Router.Snapshot().Agents.Single().Load.ShouldBe(3);
    }

    // ── Relaxation ──────────────────────────────────────────────────────────────────────────────────────

    [Fact]
    public void RequiredSkillsRelaxOnTheTickAfterTheInboxsDelay()
    {
        var ann = _kit.Add("Ann");
        var item = _kit.Item(skills: ["german"]);
        _kit.EnqueueOne(item).ShouldBeNull();

        _kit.Clock.Advance(TimeSpan.FromSeconds(179));
        Router.Tick().ShouldBeEmpty();
        _kit.Clock.Advance(TimeSpan.FromSeconds(1));
        var assignment = Router.Tick().ShouldHaveSingleItem();

        assignment.AgentId.ShouldBe(ann.Id);
        assignment.Why.Trigger.ShouldBe("relaxed");
        assignment.Why.SkillsRelaxed.ShouldBeTrue();
        assignment.Why.Reasons[0].ShouldBe("needed skills german — relaxed after waiting 3 min");
        Router.Tick().ShouldBeEmpty();
    }

    [Fact]
    public void TheRelaxationDelayIsPerInbox()
    {
        Router.SetRules(_kit.Inbox, InboxRules.Default with { RelaxSkillsAfterSeconds = 30 });
        _kit.Add("Ann", inboxes: [_kit.Inbox, _kit.OtherInbox], capacity: 5);
        var here = _kit.Item(skills: ["german"]);
        var there = _kit.Item(skills: ["german"], inbox: _kit.OtherInbox);
        _kit.EnqueueOne(here);
        _kit.EnqueueOne(there);

        _kit.Clock.Advance(TimeSpan.FromSeconds(30));

        Router.Tick().ShouldHaveSingleItem().ConversationId.ShouldBe(here.ConversationId);
        Router.IsWaiting(there.ConversationId).ShouldBeTrue();
    }

    [Fact]
    public void AConversationThatAlreadyWaitedLongIsMatchedWithoutItsSkillsOnArrival()
    {
        var ann = _kit.Add("Ann");

        var assignment = _kit.EnqueueOne(_kit.Item(skills: ["german"], agoSeconds: 600)).ShouldNotBeNull();

        assignment.AgentId.ShouldBe(ann.Id);
        assignment.Why.Trigger.ShouldBe("enqueued");
        assignment.Why.SkillsRelaxed.ShouldBeTrue();
    }

    [Fact]
    public void AFreedAgentTakesARelaxedConversationEvenBeforeTheTick()
    {
        var ann = _kit.Add("Ann", capacity: 1);
        var held = _kit.EnqueueOne(_kit.Item()).ShouldNotBeNull();
        var german = _kit.Item(skills: ["german"]);
        _kit.EnqueueOne(german);
        _kit.Clock.Advance(TimeSpan.FromMinutes(5));

        var next = Router.Release(held.ConversationId).ShouldHaveSingleItem();

        next.ConversationId.ShouldBe(german.ConversationId);
        next.Why.SkillsRelaxed.ShouldBeTrue();
        Router.Tick().ShouldBeEmpty();
        Router.AgentOf(german.ConversationId).ShouldBe(ann.Id);
    }
}
