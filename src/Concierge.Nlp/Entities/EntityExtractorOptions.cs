namespace Concierge.Nlp.Entities;

/// <summary>Configures an <see cref="EntityExtractor"/>.</summary>
public sealed record EntityExtractorOptions
{
    public const string Section = "Nlp:Entities";

    /// <summary>
    /// Regular expressions for the company's order numbers (matched case-insensitively against width-folded text).
    /// When set they replace the defaults and take precedence over phone and bank-card readings of the same digits.
    /// Empty: the defaults — a 1–4 letter prefix with 8–20 digits (DD20240521001) or a bare 10–20 digit number that is
    /// not a phone, ID card or bank card.
    /// </summary>
    public IReadOnlyList<string> OrderNumberPatterns { get; init; } = [];

    /// <summary>Dictionary entities (products, cities …) matched on normalised text.</summary>
    public IReadOnlyList<DictionaryEntity> Dictionary { get; init; } = [];

    /// <summary>Currency of amounts written without one (三百五十元 is CNY either way; "350" alone is not an amount).</summary>
    public string DefaultCurrency { get; init; } = "CNY";
}
