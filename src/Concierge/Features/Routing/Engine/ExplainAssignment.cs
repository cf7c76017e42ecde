namespace Concierge.Features.Routing.Engine;

/// <summary>
/// Turns a decision into the short sentences a supervisor reads ("needs skills refund, english", "3 agents eligible",
/// "Lina: senior, 1/5 chats, idle 40 s — least loaded"). Built only for the chosen agent, once per assignment.
/// </summary>
internal static class ExplainAssignment
{
    public static IReadOnlyList<string> Reasons(WaitingEntry entry, AgentSlot agent, long now, int eligible, bool relaxed,
        bool seniorFirst, Decision decidedBy)
    {
        var item = entry.Item;
        var reasons = new List<string>(4) { Requirement(item, relaxed, now - entry.QueuedTicks) };
        if (item.VipLevel > 0 || item.Negative)
        {
            var priority = item.VipLevel > 0 && item.Negative ? $"VIP {item.VipLevel}, negative emotion"
                : item.VipLevel > 0 ? $"VIP {item.VipLevel}" : "negative emotion";
            reasons.Add(seniorFirst ? $"{priority} — queued ahead, senior agents first" : $"{priority} — queued ahead");
        }
        var name = agent.Name.Length > 0 ? agent.Name : agent.Id.ToString("N")[..8];
        reasons.Add(decidedBy == Decision.FreedAgent
            ? $"{name} had room; this was the first waiting conversation they could take (waited {Duration(now - entry.QueuedTicks)})"
            : eligible == 1 ? "1 agent eligible" : $"{eligible} agents eligible");
        reasons.Add($"{name}: {Level(agent.Level)}, {agent.Load}/{agent.Capacity} chats, idle {Duration(now - agent.IdleSinceTicks)} — {Verdict(decidedBy)}");
        return reasons;
    }

    private static string Requirement(WaitingItem item, bool relaxed, long waitedTicks)
    {
        var skills = item.RequiredSkills.Count == 0 ? "needs no particular skill"
            : relaxed ? $"needed skills {string.Join(", ", item.RequiredSkills)} — relaxed after waiting {Duration(waitedTicks)}"
            : $"needs skills {string.Join(", ", item.RequiredSkills)}";
        return string.IsNullOrWhiteSpace(item.Team) ? skills : $"{skills}; team {item.Team} only";
    }

    private static string Level(AgentLevel level) => level switch
    {
        AgentLevel.Junior => "junior",
        AgentLevel.Senior => "senior",
        AgentLevel.Expert => "expert",
        _ => level.ToString().ToLowerInvariant(),
    };

    private static string Verdict(Decision decidedBy) => decidedBy switch
    {
        Decision.Only => "the only one eligible",
        Decision.Preferred => "preferred agent for this conversation",
        Decision.Level => "most senior",
        Decision.LeastLoaded => "least loaded",
        Decision.FewestChats => "fewest chats",
        Decision.LongestIdle => "longest idle",
        Decision.Id => "equal on every rule (tie broken by id)",
        _ => "freed up",
    };

    internal static string Duration(long ticks)
    {
        var seconds = (long)Math.Max(0, ticks / TimeSpan.TicksPerSecond);
        if (seconds < 60) return $"{seconds} s";
        if (seconds < 3600) return seconds % 60 == 0 ? $"{seconds / 60} min" : $"{seconds / 60} min {seconds % 60} s";
        return $"{seconds / 3600} h {seconds % 3600 / 60} min";
    }
}
