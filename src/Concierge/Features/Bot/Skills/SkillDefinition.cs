using System.Text.Json.Serialization;

namespace Concierge.Features.Bot.Skills;

/// <summary>
/// A multi-turn skill described as data (JSON today, the admin UI later): what starts it, the slots it must fill, an
/// optional confirmation, and the connector call whose result fills the reply. <see cref="SlotFillingSkill"/> runs it.
/// </summary>
public sealed record SkillDefinition
{
    /// <summary>Unique; stored in <see cref="SkillState.Skill"/>.</summary>
    public required string Name { get; init; }
    /// <summary>Phrases (matched on normalised text) that start the skill at any time.</summary>
    public required LocalizedList Triggers { get; init; }
    /// <summary>Phrases that start it only when a slot is already known from the conversation ("那退货呢?" after an order lookup).</summary>
    public LocalizedList? FollowUpTriggers { get; init; }
    /// <summary>Entity types whose mere presence starts it, when no other skill's phrase matches (a bare order number).</summary>
    public IReadOnlyList<string> EntityTriggers { get; init; } = [];
    public required IReadOnlyList<SlotDefinition> Slots { get; init; }
    /// <summary>Asked before the action when set; placeholders as in replies.</summary>
    public Localized? Confirm { get; init; }
    public required SkillAction Action { get; init; }
    /// <summary>Failed answers to one question before the bot stops asking and offers a human.</summary>
    public int MaxReprompts { get; init; } = 2;
    /// <summary>Display labels: placeholder → raw value → text per language (e.g. result.status → shipped → 已发货).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, Localized>> Labels { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, Localized>>();
}

public static class SlotTypes
{
    public const string OrderNumber = "order_number";
    public const string Phone = "phone";
    public const string Date = "date";
    public const string Text = "text";
    public const string Choice = "choice";
    public static readonly string[] All = [OrderNumber, Phone, Date, Text, Choice];
}

public sealed record SlotDefinition
{
    public required string Name { get; init; }
    /// <summary>One of <see cref="SlotTypes"/>.</summary>
    public required string Type { get; init; }
    public required Localized Prompt { get; init; }
    public required Localized Reprompt { get; init; }
    /// <summary>Optional regular expression the value must match (after the entity type has been recognised).</summary>
    public string? Pattern { get; init; }
    public IReadOnlyList<ChoiceOption> Options { get; init; } = [];
    /// <summary>Take the value from earlier in the conversation (the latest one) rather than asking again.</summary>
    public bool FromHistory { get; init; }
    /// <summary>Text slots: accept what is left of a message that also filled other slots ("退货，尺码偏小").</summary>
    public bool FromRemainder { get; init; }
}

public sealed record ChoiceOption
{
    public required string Value { get; init; }
    public required string Zh { get; init; }
    public required string En { get; init; }
    public IReadOnlyList<string> Synonyms { get; init; } = [];
    public string Label(string language) => language == "zh" ? Zh : En;
}

/// <summary>The connector call made once every slot is filled, and how its outcomes read.</summary>
public sealed record SkillAction
{
    /// <summary>The <see cref="Connectors.ISkillConnector.Name"/> to call.</summary>
    public required string Connector { get; init; }
    public string Method { get; init; } = "GET";
    /// <summary>Relative to the connector's base address; placeholders are URL-encoded.</summary>
    public required string Path { get; init; }
    /// <summary>JSON body fields (raw slot values, not labels).</summary>
    public IReadOnlyDictionary<string, string>? Body { get; init; }
    /// <summary>The first variant whose condition holds answers a 2xx.</summary>
    public required IReadOnlyList<ReplyVariant> Success { get; init; }
    /// <summary>A 404: the slot it names is asked again (once), then a human is offered.</summary>
    public NotFoundReply? NotFound { get; init; }
    /// <summary>Another 4xx the system explains (409/422): said, then the skill ends.</summary>
    public Localized? Rejected { get; init; }
}

public sealed record ReplyVariant
{
    /// <summary>"path=value" or "path" (present and non-empty); null always holds.</summary>
    public string? When { get; init; }
    public required string Zh { get; init; }
    public required string En { get; init; }
}

public sealed record NotFoundReply
{
    public required string Slot { get; init; }
    public required string Zh { get; init; }
    public required string En { get; init; }
}

public sealed record Localized(string Zh, string En)
{
    public string In(string language) => language == "zh" ? Zh : En;
}

public sealed record LocalizedList(IReadOnlyList<string> Zh, IReadOnlyList<string> En)
{
    [JsonIgnore] public IEnumerable<string> All => Zh.Concat(En);
}
