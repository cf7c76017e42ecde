using Concierge.Features.Routing.Engine;

namespace Concierge.Tests.Routing;

/// <summary>The matcher's hard constraints and the choice among eligible agents (docs/routing.md).</summary>
public sealed class RouterTests
{
    private readonly RouterTestKit _kit = new();
    private Router Router => _kit.Router;

    // ── Hard constraints ────────────────────────────────────────────────────────────────────────────────

    [Fact]
    public void AConversationGoesToTheAgentWhoHasAllTheRequiredSkills()
    {
        _kit.Add("Ann", skills: ["refund"]);
        var both = _kit.Add("Bob", skills: ["refund", "english", "vip"]);

        var assignment = _kit.EnqueueOne(_kit.Item(skills: ["refund", "english"]));

        assignment.ShouldNotBeNull().AgentId.ShouldBe(both.Id);
        assignment.Why.Trigger.ShouldBe("enqueued");
        assignment.Why.EligibleAgents.ShouldBe(1);
        Router.AgentOf(assignment.ConversationId).ShouldBe(both.Id);
    }

    [Fact]
    public void SkillsAreComparedIgnoringCaseAndSurroundingSpaces()
    {
        var agent = _kit.Add("Ann", skills: ["Refund", " English "]);

        _kit.EnqueueOne(_kit.Item(skills: ["refund", "ENGLISH"])).ShouldNotBeNull().AgentId.ShouldBe(agent.Id);
    }

    [Fact]
    public void AConversationNobodyHasTheSkillsForWaits()
    {
        _kit.Add("Ann", skills: ["refund"]);
        var item = _kit.Item(skills: ["german"]);

        _kit.EnqueueOne(item).ShouldBeNull();

        Router.IsWaiting(item.ConversationId).ShouldBeTrue();
        Router.AgentOf(item.ConversationId).ShouldBeNull();
    }

    [Fact]
    public void SkillsBeyondTheSixtyFourthStillMatchExactly()
    {
        var many = Enumerable.Range(0, 130).Select(i => $"skill{i}").ToArray();
        _kit.Add("Lacks129", skills: many[..129]);
        var all = _kit.Add("HasAll", skills: many);

        _kit.EnqueueOne(_kit.Item(skills: ["skill3", "skill70", "skill129"])).ShouldNotBeNull().AgentId.ShouldBe(all.Id);
        _kit.EnqueueOne(_kit.Item(skills: ["skill200"])).ShouldBeNull();
    }

    [Fact]
    public void ATeamConversationOnlyGoesToThatTeamEvenAfterSkillsRelax()
    {
        var outsider = _kit.Add("Ann", skills: ["fraud"], capacity: 5);
        var item = _kit.Item(skills: ["fraud"], team: "risk");

        _kit.EnqueueOne(item).ShouldBeNull();
        _kit.Clock.Advance(TimeSpan.FromHours(1));
        Router.Tick().ShouldBeEmpty();
        Router.AgentOf(item.ConversationId).ShouldBeNull();

        var member = _kit.Add("Rita", teams: ["Risk"]);   // no fraud skill, but the requirement has relaxed
        Router.AgentOf(item.ConversationId).ShouldBe(member.Id);
        Router.AgentOf(item.ConversationId).ShouldNotBe(outsider.Id);
    }

    [Fact]
    public void AnAgentOutsideTheInboxIsNotChosenButOneServingAllInboxesIs()
    {
        _kit.Add("Other", inboxes: [_kit.OtherInbox]);
        var everywhere = _kit.Add("Everywhere", inboxes: [], allInboxes: true);

        _kit.EnqueueOne(_kit.Item()).ShouldNotBeNull().AgentId.ShouldBe(everywhere.Id);
    }

    [Fact]
    public void AnAgentAtCapacityReceivesNothingMore()
    {
        var ann = _kit.Add("Ann", capacity: 2);

        _kit.EnqueueOne(_kit.Item()).ShouldNotBeNull().AgentId.ShouldBe(ann.Id);
        _kit.EnqueueOne(_kit.Item()).ShouldNotBeNull().AgentId.ShouldBe(ann.Id);
        var third = _kit.Item();
        _kit.EnqueueOne(third).ShouldBeNull();

        Router.IsWaiting(third.ConversationId).ShouldBeTrue();
        Router.Snapshot().Agents.Single().Load.ShouldBe(2);
    }

    [Theory]
    [InlineData(Presence.Busy)]
    [InlineData(Presence.Away)]
    [InlineData(Presence.Offline)]
    public void OnlyOnlineAgentsReceiveNewConversations(Presence presence)
    {
        _kit.Add("Ann", presence: presence);

        _kit.EnqueueOne(_kit.Item()).ShouldBeNull();
    }

    [Fact]
    public void BusyAndAwayAgentsKeepTheirConversations()
    {
        var ann = _kit.Add("Ann");
        var held = _kit.EnqueueOne(_kit.Item()).ShouldNotBeNull();

        Router.SetPresence(ann.Id, Presence.Busy).Orphaned.ShouldBeEmpty();
        Router.SetPresence(ann.Id, Presence.Away).Orphaned.ShouldBeEmpty();

        Router.AgentOf(held.ConversationId).ShouldBe(ann.Id);
        _kit.EnqueueOne(_kit.Item()).ShouldBeNull();
    }

    [Fact]
    public void GoingOfflineHandsTheAgentsConversationsBackToBeRequeued()
    {
        var ann = _kit.Add("Ann");
        var first = _kit.EnqueueOne(_kit.Item()).ShouldNotBeNull();
        var second = _kit.EnqueueOne(_kit.Item()).ShouldNotBeNull();

        var change = Router.SetPresence(ann.Id, Presence.Offline);

        change.Orphaned.ShouldBe([first.ConversationId, second.ConversationId], ignoreOrder: true);
        change.Assigned.ShouldBeEmpty();
        Router.AgentOf(first.ConversationId).ShouldBeNull();
        Router.IsWaiting(first.ConversationId).ShouldBeFalse();
        Router.Snapshot().Agents.Single().Load.ShouldBe(0);
    }

    [Fact]
    public void ComingOnlineTakesWaitingWorkInQueueOrderUpToCapacity()
    {
        var ann = _kit.Add("Ann", capacity: 2, presence: Presence.Away);
        var oldest = _kit.Item(agoSeconds: 30);
        var middle = _kit.Item(agoSeconds: 20);
        var newest = _kit.Item(agoSeconds: 10);
        foreach (var item in new[] { newest, oldest, middle }) _kit.EnqueueOne(item).ShouldBeNull();

        var change = Router.SetPresence(ann.Id, Presence.Online);

        change.Assigned.Select(a => a.ConversationId).ShouldBe([oldest.ConversationId, middle.ConversationId]);
        change.Assigned.ShouldAllBe(a => a.Why.Trigger == "agent-free");
        Router.IsWaiting(newest.ConversationId).ShouldBeTrue();
    }

    [Fact]
    public void AnInboxWithAutoAssignOffQueuesButAssignsNothingUntilItIsSwitchedOn()
    {
        var ann = _kit.Add("Ann");
        Router.SetRules(_kit.Inbox, InboxRules.Default with { AutoAssign = false });
        var first = _kit.Item(agoSeconds: 5);
        var second = _kit.Item();

        _kit.EnqueueOne(first).ShouldBeNull();
        _kit.EnqueueOne(second).ShouldBeNull();
        Router.Release(Guid.NewGuid()).ShouldBeEmpty();
        Router.SetPresence(ann.Id, Presence.Online).Assigned.ShouldBeEmpty();
        Router.PositionOf(second.ConversationId).ShouldNotBeNull().Position.ShouldBe(2);
        Router.Tick().ShouldBeEmpty();

        Router.SetRules(_kit.Inbox, InboxRules.Default);
        var assigned = Router.Tick();

        assigned.Select(a => a.ConversationId).ShouldBe([first.ConversationId, second.ConversationId]);
        assigned.ShouldAllBe(a => a.AgentId == ann.Id);
    }

    // ── Agent choice ────────────────────────────────────────────────────────────────────────────────────

    [Fact]
    public void ThePreferredAgentIsChosenWhenEligibleAndFree()
    {
        _kit.Add("Idle");
        var lina = _kit.Add("Lina", capacity: 5);
        _kit.Load(lina, 3);

        var assignment = _kit.EnqueueOne(_kit.Item(preferred: lina.Id)).ShouldNotBeNull();

        assignment.AgentId.ShouldBe(lina.Id);
        assignment.Why.Trigger.ShouldBe("preferred");
        assignment.Why.Reasons[^1].ShouldContain("preferred agent");
    }

    [Fact]
    public void APreferredAgentWhoIsFullOrLacksASkillIsPassedOver()
    {
        var other = _kit.Add("Other", skills: ["refund"]);
        var full = _kit.Add("Full", skills: ["refund"], capacity: 1);
        _kit.Fill(full);
        var unskilled = _kit.Add("Unskilled");

        _kit.EnqueueOne(_kit.Item(skills: ["refund"], preferred: full.Id)).ShouldNotBeNull().AgentId.ShouldBe(other.Id);
        var second = _kit.EnqueueOne(_kit.Item(skills: ["refund"], preferred: unskilled.Id)).ShouldNotBeNull();
        second.AgentId.ShouldBe(other.Id);
        second.Why.Trigger.ShouldBe("enqueued");
    }

    [Fact]
    public void AVipConversationGoesToTheMostSeniorEligibleAgent()
    {
        _kit.Add("Junior", level: AgentLevel.Junior);
        var expert = _kit.Add("Expert", level: AgentLevel.Expert, capacity: 5);
        _kit.Load(expert, 4);                                    // far busier, still chosen: seniority comes before load
        _kit.Add("Senior", level: AgentLevel.Senior);

        var assignment = _kit.EnqueueOne(_kit.Item(vip: 2)).ShouldNotBeNull();

        assignment.AgentId.ShouldBe(expert.Id);
        assignment.Why.SeniorFirst.ShouldBeTrue();
        assignment.Why.EligibleAgents.ShouldBe(3);
        assignment.Why.Reasons[^1].ShouldEndWith("most senior");
    }

    [Fact]
    public void ANegativeConversationGoesToTheMostSeniorEligibleAgent()
    {
        var senior = _kit.Add("Senior", level: AgentLevel.Senior);
        _kit.Load(senior, 2);
        _kit.Add("Junior");

        _kit.EnqueueOne(_kit.Item(negative: true)).ShouldNotBeNull().AgentId.ShouldBe(senior.Id);
    }

    [Fact]
    public void WithoutTheSeniorFirstRulesVipAndNegativeConversationsGoToTheLeastLoaded()
    {
        Router.SetRules(_kit.Inbox, InboxRules.Default with { SeniorFirstForVip = false, SeniorFirstForNegative = false });
        var senior = _kit.Add("Senior", level: AgentLevel.Expert);
        _kit.Load(senior, 1);
        var junior = _kit.Add("Junior");

        var vip = _kit.EnqueueOne(_kit.Item(vip: 1)).ShouldNotBeNull();
        vip.AgentId.ShouldBe(junior.Id);
        vip.Why.SeniorFirst.ShouldBeFalse();
        Router.Release(vip.ConversationId).ShouldBeEmpty();
        _kit.EnqueueOne(_kit.Item(negative: true)).ShouldNotBeNull().AgentId.ShouldBe(junior.Id);
    }

    [Fact]
    public void AnOrdinaryConversationIgnoresLevelsAndGoesToTheLeastLoaded()
    {
        var expert = _kit.Add("Expert", level: AgentLevel.Expert);
        _kit.Load(expert, 1);
        var junior = _kit.Add("Junior");

        _kit.EnqueueOne(_kit.Item()).ShouldNotBeNull().AgentId.ShouldBe(junior.Id);
    }

    [Fact]
    public void TheLeastLoadedAgentIsTheOneWithTheLowestShareOfCapacity()
    {
        var small = _kit.Add("Small", capacity: 3);
        _kit.Load(small, 1);                                     // 1/3
        var large = _kit.Add("Large", capacity: 8);
        _kit.Load(large, 2);                                     // 2/8: more chats, smaller share

        var assignment = _kit.EnqueueOne(_kit.Item()).ShouldNotBeNull();

        assignment.AgentId.ShouldBe(large.Id);
        assignment.Why.Reasons[^1].ShouldBe("Large: junior, 2/8 chats, idle 0 s — least loaded");
    }

    [Fact]
    public void AtTheSameShareOfCapacityTheAgentWithFewerChatsWins()
    {
        var four = _kit.Add("Four", capacity: 4);
        _kit.Load(four, 2);                                      // 2/4
        var two = _kit.Add("Two", capacity: 2);
        _kit.Load(two, 1);                                       // 1/2

        var assignment = _kit.EnqueueOne(_kit.Item()).ShouldNotBeNull();

        assignment.AgentId.ShouldBe(two.Id);
        assignment.Why.Reasons[^1].ShouldEndWith("fewest chats");
    }

    [Fact]
    public void AtTheSameLoadTheAgentIdleLongestWins()
    {
        var first = _kit.Add("First");
        _kit.Clock.Advance(TimeSpan.FromSeconds(40));
        var second = _kit.Add("Second");
        _kit.Clock.Advance(TimeSpan.FromSeconds(5));
        Router.SetPresence(first.Id, Presence.Away);
        Router.SetPresence(first.Id, Presence.Online);          // coming back online restarts the idle clock

        var assignment = _kit.EnqueueOne(_kit.Item()).ShouldNotBeNull();

        assignment.AgentId.ShouldBe(second.Id);
        assignment.Why.Reasons[^1].ShouldBe("Second: junior, 0/3 chats, idle 5 s — longest idle");
    }

    [Fact]
    public void AgentsEqualOnEveryRuleAreOrderedByIdSoTheChoiceIsDeterministic()
    {
        var first = _kit.Agent("First");
        var second = _kit.Agent("Second");
        Router.UpsertAgent(second);
        Router.UpsertAgent(first);

        var assignment = _kit.EnqueueOne(_kit.Item()).ShouldNotBeNull();

        assignment.AgentId.ShouldBe(first.Id);
        assignment.Why.Reasons[^1].ShouldEndWith("tie broken by id)");
    }

    [Fact]
    public void GettingAConversationRestartsTheIdleClockSoWorkIsSpreadInTurn()
    {
        var ann = _kit.Add("Ann", capacity: 10);
        var bob = _kit.Add("Bob", capacity: 10);

        var agents = Enumerable.Range(0, 4).Select(_ =>
        {
            _kit.Clock.Advance(TimeSpan.FromSeconds(1));
            return _kit.EnqueueOne(_kit.Item()).ShouldNotBeNull().AgentId;
        }).ToList();

        agents.ShouldBe([ann.Id, bob.Id, ann.Id, bob.Id]);
    }
}


/// <summary>A clock that stands still until a test moves it (the routing rules are all about waiting times).</summary>
internal sealed class StoppedClock : TimeProvider
{
    public DateTimeOffset Now { get; private set; } = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    public override DateTimeOffset GetUtcNow() => Now;
    public void Advance(TimeSpan by) => Now += by;
}

/// <summary>A router on a stopped clock with one inbox, and terse builders for agents and waiting conversations.</summary>
internal sealed class RouterTestKit
{
    private int _agents;
    private int _conversations;

    public StoppedClock Clock { get; } = new();
    public Router Router { get; }
    public Guid Inbox { get; } = Guid.Parse("10000000-0000-0000-0000-000000000001");
    public Guid OtherInbox { get; } = Guid.Parse("10000000-0000-0000-0000-000000000002");

    public RouterTestKit() => Router = new Router(Clock);

    /// <summary>Agent ids increase in creation order, so the last tie-break (the id) favours the agent created first.</summary>
    public AgentState Agent(string name, string[]? skills = null, AgentLevel level = AgentLevel.Junior, string[]? teams = null,
        Guid[]? inboxes = null, bool allInboxes = false, int capacity = 3, Presence presence = Presence.Online) =>
        new(Guid.Parse($"a0000000-0000-0000-0000-{++_agents:D12}"), name, skills ?? [], level, teams ?? [],
            inboxes ?? [Inbox], allInboxes, capacity, presence);

    public AgentState Add(string name, string[]? skills = null, AgentLevel level = AgentLevel.Junior, string[]? teams = null,
        Guid[]? inboxes = null, bool allInboxes = false, int capacity = 3, Presence presence = Presence.Online)
    {
        var agent = Agent(name, skills, level, teams, inboxes, allInboxes, capacity, presence);
        Router.UpsertAgent(agent);
        return agent;
    }

    /// <summary>A conversation queued <paramref name="agoSeconds"/> before the clock's now.</summary>
    public WaitingItem Item(string[]? skills = null, int vip = 0, bool negative = false, string? team = null,
        int agoSeconds = 0, Guid? inbox = null, Guid? preferred = null) =>
        new(Guid.Parse($"c0000000-0000-0000-0000-{++_conversations:D12}"), inbox ?? Inbox, skills ?? [], vip, negative, team,
            Clock.Now.AddSeconds(-agoSeconds), preferred);

    public Assignment? EnqueueOne(WaitingItem item)
    {
        var assigned = Router.Enqueue(item);
        assigned.Count.ShouldBeLessThanOrEqualTo(1);
        return assigned.SingleOrDefault();
    }

    /// <summary>Gives the agent <paramref name="count"/> unrelated conversations (manual assignments).</summary>
    public void Load(AgentState agent, int count)
    {
        for (var i = 0; i < count; i++) Router.AddLoad(agent.Id, Guid.NewGuid());
    }

    /// <summary>Fills the agent to capacity with unrelated conversations.</summary>
    public void Fill(AgentState agent) => Load(agent, agent.Capacity);
}
