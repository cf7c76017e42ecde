using System.Collections.Concurrent;
using Concierge.Features.Routing.Engine;

namespace Concierge.Tests.Routing;

/// <summary>Many threads change conversations and agents at once; afterwards nothing is lost or held twice.</summary>
public sealed class RouterConcurrencyTests
{
    /// <summary>Moves 10 ms on every reading, from any thread: skill requirements relax while the test runs.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        private long _readings;
        public override DateTimeOffset GetUtcNow() => Start.AddMilliseconds(10 * Interlocked.Increment(ref _readings));
    }

    [Fact]
    public async Task ConcurrentArrivalsReleasesAndPresenceChangesNeverLoseOrDoubleAssignAConversation()
    {
        var clock = new SteppingClock();
        var router = new Router(clock);
        Guid[] inboxes = [Guid.NewGuid(), Guid.NewGuid()];
        string[] skills = ["refund", "english", "german", "vip", "billing", "tech"];
        var setup = new Random(7);
        var agents = Enumerable.Range(0, 40).Select(i => new AgentState(Guid.NewGuid(), $"agent{i}",
            skills.Where(_ => setup.Next(3) == 0).ToArray(), (AgentLevel)setup.Next(3), i % 10 == 0 ? ["risk"] : [],
            i % 3 == 0 ? [.. inboxes] : [inboxes[i % 2]], AllInboxes: i == 5, Capacity: 1 + setup.Next(4), Presence.Online)).ToArray();
        foreach (var agent in agents) router.UpsertAgent(agent);
        router.SetRules(inboxes[1], InboxRules.Default with { RelaxSkillsAfterSeconds = 30 });

        var items = new ConcurrentDictionary<Guid, WaitingItem>();
        var ended = new ConcurrentDictionary<Guid, bool>();
        var orphanings = new ConcurrentDictionary<Guid, int>();
        var assignments = new ConcurrentQueue<Assignment>();
        var known = new ConcurrentBag<Guid>();

        void Record(IReadOnlyList<Assignment> assigned)
        {
            foreach (var a in assigned) assignments.Enqueue(a);
        }

        void Worker(int seed)
        {
            var random = new Random(seed);
            var ids = new List<Guid>();
            for (var op = 0; op < 4000; op++)
            {
                var roll = random.Next(100);
                if (roll < 40 || ids.Count == 0)
                {
                    var item = new WaitingItem(Guid.NewGuid(), inboxes[random.Next(2)],
                        skills.Where(_ => random.Next(6) == 0).Take(2).ToArray(), random.Next(10) == 0 ? 1 : 0,
                        random.Next(10) == 0, random.Next(50) == 0 ? "risk" : null, clock.GetUtcNow(),
                        random.Next(5) == 0 ? agents[random.Next(agents.Length)].Id : null);
                    items[item.ConversationId] = item;
                    ids.Add(item.ConversationId);
                    known.Add(item.ConversationId);
                    Record(router.Enqueue(item));
                    var again = items[ids[random.Next(ids.Count)]];
                    if (random.Next(4) == 0) Record(router.Enqueue(again));   // a duplicate hand-off event
                }
                else if (roll < 80)
                {
                    var at = random.Next(ids.Count);
                    var id = ids[at];
                    ids[at] = ids[^1];
                    ids.RemoveAt(ids.Count - 1);
                    ended[id] = true;
                    router.Remove(id);
                    Record(router.Release(id));
                }
                else if (roll < 93)
                {
                    var agent = agents[random.Next(agents.Length)];
                    var change = router.SetPresence(agent.Id, random.Next(2) == 0 ? Presence.Online : (Presence)random.Next(4));
                    Record(change.Assigned);
                    foreach (var orphan in change.Orphaned)
                    {
                        orphanings.AddOrUpdate(orphan, 1, (_, n) => n + 1);
                        if (!ended.ContainsKey(orphan)) Record(router.Enqueue(items[orphan]));   // what the app does: re-queue
                    }
                }
                else if (roll < 97)
                {
                    var agent = agents[random.Next(agents.Length)];
                    Record(router.UpsertAgent(agent with { Skills = skills.Where(_ => random.Next(2) == 0).ToArray(), Presence = Presence.Online }));
                }
                else
                {
                    Record(router.Tick());
                    router.PositionOf(ids[random.Next(ids.Count)]);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(1, 8).Select(seed => Task.Run(() => Worker(seed), TestContext.Current.CancellationToken)));
        foreach (var agent in agents) Record(router.SetPresence(agent.Id, Presence.Online).Assigned);
        Record(router.Tick());

        router.Audit(settled: true).ShouldBeEmpty();
        var snapshot = router.Snapshot();
        snapshot.Agents.ShouldAllBe(a => a.Load <= a.Capacity);
        var held = snapshot.Agents.SelectMany(a => a.Conversations).ToList();
        held.Count.ShouldBe(held.Distinct().Count(), "a conversation is held by two agents");
        var waiting = snapshot.Waiting.Select(w => w.ConversationId).ToHashSet();
        held.ShouldAllBe(id => !waiting.Contains(id));
        foreach (var id in known.Distinct().Where(id => !ended.ContainsKey(id)))
            (waiting.Contains(id) || router.AgentOf(id) is not null).ShouldBeTrue($"{id} was lost");

        // Each stay in the queue ends in at most one assignment: the first one, and one after each Offline hand-back.
        foreach (var group in assignments.GroupBy(a => a.ConversationId))
            group.Count().ShouldBeLessThanOrEqualTo(1 + orphanings.GetValueOrDefault(group.Key), $"{group.Key} assigned too often");
        assignments.Count.ShouldBeGreaterThan(1000);
        assignments.ShouldContain(a => a.Why.Trigger == "relaxed" || a.Why.SkillsRelaxed);
    }
}
