namespace Concierge.Features.Routing.Engine;

/// <summary>
/// An agent's availability. Only <see cref="Online"/> agents receive new conversations; <see cref="Busy"/> and
/// <see cref="Away"/> keep what they hold; going <see cref="Offline"/> hands their conversations back
/// (<see cref="Router.SetPresence"/> returns them as <see cref="PresenceChange.Orphaned"/>).
/// </summary>
public enum Presence { Offline = 0, Online = 1, Busy = 2, Away = 3 }

/// <summary>Seniority; VIP and negative-emotion conversations go to higher levels first when the inbox says so.</summary>
public enum AgentLevel { Junior = 0, Senior = 1, Expert = 2 }

/// <summary>
/// Everything the router needs to know about one human agent.
/// </summary>
/// <param name="Skills">Tags such as <c>refund</c>, <c>english</c>; compared case-insensitively.</param>
/// <param name="Teams">Teams or departments (<c>risk</c>); a conversation with a <see cref="WaitingItem.Team"/> only goes to its members.</param>
/// <param name="Inboxes">The inboxes the agent serves; ignored when <paramref name="AllInboxes"/> is set.</param>
/// <param name="Capacity">Maximum concurrent conversations the router gives the agent (manual assignments may exceed it).</param>
public sealed record AgentState(Guid Id, string Name, IReadOnlyCollection<string> Skills, AgentLevel Level,
    IReadOnlyCollection<string> Teams, IReadOnlyCollection<Guid> Inboxes, bool AllInboxes, int Capacity, Presence Presence);

/// <summary>A conversation waiting for a human.</summary>
/// <param name="RequiredSkills">All of them are required, until the item has waited
/// <see cref="InboxRules.RelaxSkillsAfterSeconds"/>; then any agent of the inbox (and team) may take it.</param>
/// <param name="VipLevel">0 = not VIP; any positive level gets the VIP boost and, optionally, senior agents first.</param>
/// <param name="Negative">The customer's emotion is negative: boost and, optionally, senior agents first.</param>
/// <param name="Team">The conversation must be served by this team (e.g. <c>risk</c>); never relaxed.</param>
/// <param name="QueuedAt">When it started waiting; keep the original time when re-queuing so it keeps its place.</param>
/// <param name="PreferredAgent">E.g. the agent who served the customer last; chosen first when eligible and free.</param>
public sealed record WaitingItem(Guid ConversationId, Guid InboxId, IReadOnlyCollection<string> RequiredSkills,
    int VipLevel, bool Negative, string? Team, DateTimeOffset QueuedAt, Guid? PreferredAgent = null);

/// <summary>Routing rules of one inbox (<see cref="Default"/> until <see cref="Router.SetRules"/> says otherwise).</summary>
/// <param name="AutoAssign">false: nothing is auto-assigned in the inbox; conversations still queue and have positions.</param>
/// <param name="SeniorFirstForVip">VIP conversations go to the highest-level eligible agent first.</param>
/// <param name="SeniorFirstForNegative">Negative-emotion conversations go to the highest-level eligible agent first.</param>
/// <param name="VipBoostSeconds">A VIP conversation queues as if it had arrived this much earlier.</param>
/// <param name="NegativeBoostSeconds">A negative-emotion conversation queues as if it had arrived this much earlier.</param>
/// <param name="RelaxSkillsAfterSeconds">After waiting this long, required skills are ignored (the team never is); 0 = at once.</param>
public sealed record InboxRules(bool AutoAssign = true, bool SeniorFirstForVip = true, bool SeniorFirstForNegative = true,
    int VipBoostSeconds = 120, int NegativeBoostSeconds = 60, int RelaxSkillsAfterSeconds = 180)
{
    public static readonly InboxRules Default = new();
}

/// <summary>The router gave <paramref name="ConversationId"/> to <paramref name="AgentId"/>; the app persists it.</summary>
public sealed record Assignment(Guid ConversationId, Guid InboxId, Guid AgentId, RoutingExplanation Why);

/// <summary>Why a conversation went to an agent, for the supervisor view and the audit trail.</summary>
/// <param name="Trigger"><c>enqueued</c> (chosen when it arrived), <c>agent-free</c> (an agent freed up or came online and
/// took it), <c>relaxed</c> (its skill requirement lapsed on <see cref="Router.Tick"/>), <c>preferred</c> (its preferred agent
/// was eligible and free).</param>
/// <param name="EligibleAgents">Agents that could have taken it at that moment (1 when a freed agent took it).</param>
/// <param name="SkillsRelaxed">The required skills were ignored because it had waited long enough.</param>
/// <param name="SeniorFirst">The senior-first rule applied (VIP or negative emotion, and the inbox asks for it).</param>
/// <param name="Reasons">Short English sentences, in order: requirement, priority, candidates, the choice.</param>
public sealed record RoutingExplanation(string Trigger, int EligibleAgents, bool SkillsRelaxed, bool SeniorFirst,
    IReadOnlyList<string> Reasons);

/// <summary>The outcome of a presence change.</summary>
/// <param name="Orphaned">Conversations the agent held when going Offline; the router forgot them, the app re-queues them.</param>
/// <param name="Assigned">Waiting conversations the agent took on coming Online.</param>
public sealed record PresenceChange(IReadOnlyList<Guid> Orphaned, IReadOnlyList<Assignment> Assigned)
{
    internal static readonly PresenceChange None = new([], []);
}

/// <summary>Where a waiting conversation stands in its inbox's queue.</summary>
/// <param name="Position">1-based, in queue order (the aging key), within its inbox.</param>
/// <param name="Waiting">Conversations waiting in that inbox.</param>
/// <param name="EstimatedWait">Never negative; see docs/routing.md for how it is estimated.</param>
public sealed record QueuePosition(int Position, int Waiting, TimeSpan EstimatedWait);

/// <summary>A consistent picture of agents and queues, for the supervisor view.</summary>
public sealed record RouterSnapshot(IReadOnlyList<AgentLoad> Agents, IReadOnlyList<WaitingView> Waiting);

/// <summary>One agent in a <see cref="RouterSnapshot"/>.</summary>
public sealed record AgentLoad(Guid AgentId, string Name, Presence Presence, AgentLevel Level, int Load, int Capacity,
    IReadOnlyList<Guid> Conversations, DateTimeOffset IdleSince);

/// <summary>One waiting conversation in a <see cref="RouterSnapshot"/>; <paramref name="Position"/> as in <see cref="QueuePosition"/>.</summary>
public sealed record WaitingView(Guid ConversationId, Guid InboxId, DateTimeOffset QueuedAt, int VipLevel, bool Negative,
    IReadOnlyCollection<string> RequiredSkills, string? Team, int Position);
