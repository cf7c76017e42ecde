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
}
