namespace Concierge.Features.Bot;

/// <summary>How the bot decides (section "Concierge:Bot"). Sensible defaults; validated at start.</summary>
public sealed class BotOptions
{
    public const string Section = "Concierge:Bot";

    /// <summary>Ask "did you mean…?" when the runner-up FAQ scores within this of the best one.</summary>
    public float ClarifyMargin { get; set; } = 0.04f;
    /// <summary>Hand over to a human when the customer's anger reaches this (0–1, from the emotion lexicon).</summary>
    public float AngerHandoff { get; set; } = 0.6f;
    /// <summary>Failed bot turns in a row after which the bot hands over instead of trying again.</summary>
    public int FailuresBeforeHandoff { get; set; } = 2;
    /// <summary>Words that mark a high-risk conversation (fraud, stolen accounts): the bot steps aside at once.</summary>
    public string[] RiskKeywords { get; set; } =
        ["盗刷", "被盗", "诈骗", "被骗", "骗子", "洗钱", "冒充", "fraud", "scam", "stolen card", "unauthorized charge", "unauthorised charge", "hacked"];

    /// <summary>These options with an inbox's own thresholds where it sets them.</summary>
    public BotOptions For(BotThresholds? inbox) => inbox is null ? this : new BotOptions
    {
        ClarifyMargin = inbox.ClarifyMargin ?? ClarifyMargin,
        AngerHandoff = inbox.AngerHandoff ?? AngerHandoff,
        FailuresBeforeHandoff = inbox.FailuresBeforeHandoff ?? FailuresBeforeHandoff,
        RiskKeywords = inbox.RiskKeywords is { Count: > 0 } extra ? [.. RiskKeywords, .. extra] : RiskKeywords,
    };
}

/// <summary>
/// An inbox's own bot thresholds (null = the server-wide default from <see cref="BotOptions"/>); extra risk keywords add
/// to the server-wide list.
/// </summary>
public sealed record BotThresholds(float? ClarifyMargin = null, float? AngerHandoff = null, int? FailuresBeforeHandoff = null,
    IReadOnlyList<string>? RiskKeywords = null)
{
    public Result Validate()
    {
        if (ClarifyMargin is < 0 or >= 1) return Result.Invalid("bot.clarifyMargin", "The clarify margin is between 0 and 1.");
        if (AngerHandoff is <= 0 or > 1) return Result.Invalid("bot.angerHandoff", "The anger threshold is above 0 and at most 1.");
        if (FailuresBeforeHandoff is < 1 or > 10) return Result.Invalid("bot.failuresBeforeHandoff", "Failed turns before a hand-off: 1 to 10.");
        if (RiskKeywords is { Count: > 100 } || RiskKeywords?.Any(k => string.IsNullOrWhiteSpace(k) || k.Length > 50) == true)
            return Result.Invalid("bot.riskKeywords", "At most 100 risk keywords of 1–50 characters.");
        return Result.Ok();
    }
}
