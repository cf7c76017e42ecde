namespace Concierge.Features.Routing;

/// <summary>How conversations reach agents (section "Concierge:Routing"). Per-inbox rules live on the inbox.</summary>
public sealed class RoutingOptions
{
    public const string Section = "Concierge:Routing";

    /// <summary>
    /// The skill a conversation needs, by what it is about (a knowledge category or a bot skill). A topic that is not
    /// listed needs the skill of the same name, when some agent has it.
    /// </summary>
    public Dictionary<string, string> TopicSkills { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["refunds"] = "refund", ["returns"] = "after-sales", ["after-sales"] = "after-sales", ["order-status"] = "orders",
        ["complaints"] = "complaints",
    };
    /// <summary>The skill English-speaking customers need; Chinese is assumed of everyone.</summary>
    public string EnglishSkill { get; set; } = "english";
    /// <summary>An agent whose last workbench tab closed this long ago goes offline; their conversations are re-queued.</summary>
    public int OfflineAfterSeconds { get; set; } = 120;
    /// <summary>An online agent with no activity for this long shows as away (keeps their chats, gets no new ones).</summary>
    public int AwayAfterSeconds { get; set; } = 900;
    /// <summary>How often routing re-checks the queue (skill relaxation, inactivity, customers' wait estimates).</summary>
    public int TickSeconds { get; set; } = 5;
}
