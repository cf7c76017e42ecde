using System.Text.RegularExpressions;
using Concierge.Nlp.Text;

namespace Concierge.Nlp.Entities;

/// <summary>
/// Finds order numbers, phones, emails, Chinese ID cards, bank cards, amounts, dates/times and dictionary entities in
/// a customer message. Immutable and thread-safe; build one per configuration and share it.
/// </summary>
/// <remarks>
/// When readings overlap, the longer span wins; on equal spans the precedence is email, ID card (valid GB 11643
/// checksum and birth date only), configured order-number patterns, phone, bank card (Luhn-valid, 13–19 digits,
/// starting 2–6), default order number, date/time, amount, dictionary entity. A bare number right after an order cue
/// (订单号, order, 快递单号) is an order number even if it also passes the Luhn check; after a card cue (卡号, card) it is
/// a bank card.
/// </remarks>
public sealed class EntityExtractor
{
    private static readonly TimeSpan s_patternTimeout = TimeSpan.FromMilliseconds(50);

    private readonly Regex[] _orderPatterns;
    private readonly DictionaryRecognizer _dictionary;

    /// <summary>Creates an extractor; throws <see cref="ArgumentException"/> for an invalid order-number pattern.</summary>
    public EntityExtractor(EntityExtractorOptions? options = null)
    {
        Options = options ?? new EntityExtractorOptions();
        _orderPatterns = Options.OrderNumberPatterns.Select(Compile).ToArray();
        _dictionary = new DictionaryRecognizer(Options.Dictionary);
    }

    /// <summary>An extractor with the default order-number patterns and no dictionary.</summary>
    public static EntityExtractor Default { get; } = new();

    public EntityExtractorOptions Options { get; }

    /// <summary>A new extractor that also knows <paramref name="entries"/>.</summary>
    public EntityExtractor WithDictionary(IEnumerable<DictionaryEntity> entries) =>
        new(Options with { Dictionary = [.. Options.Dictionary, .. entries] });

    /// <summary>A new extractor whose order numbers follow <paramref name="patterns"/> instead of the defaults.</summary>
    public EntityExtractor WithOrderNumberPatterns(IEnumerable<string> patterns) =>
        new(Options with { OrderNumberPatterns = [.. patterns] });

    /// <summary>
    /// Entities in <paramref name="text"/>, ordered by position; relative dates are resolved against
    /// <paramref name="now"/> and reported in its offset. Never throws for any input text.
    /// </summary>
    public IReadOnlyList<Entity> Extract(string text, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(text)) return [];
        var folded = TextNormalizer.FoldPreservingOffsets(text);
        var candidates = new List<Candidate>();

        // Most chat messages carry no digits: skip the identifier patterns for them (they dominate the cost).
        var hasDigits = folded.AsSpan().ContainsAnyInRange('0', '9');
        if (folded.Contains('@')) IdentifierRecognizers.Emails(folded, candidates);
        if (_orderPatterns.Length > 0) IdentifierRecognizers.CustomOrderNumbers(folded, _orderPatterns, candidates);
        if (hasDigits)
        {
            IdentifierRecognizers.IdCards(folded, candidates, now);
            IdentifierRecognizers.Phones(folded, candidates);
            IdentifierRecognizers.BankCards(folded, candidates);
            if (_orderPatterns.Length == 0) IdentifierRecognizers.DefaultOrderNumbers(folded, candidates);
        }
        DateTimeRecognizer.Find(folded, now, candidates);
        AmountRecognizer.Find(folded, candidates);
        _dictionary.Find(folded.ToLowerInvariant(), candidates);

        return Resolve(text, candidates);
    }

    private static List<Entity> Resolve(string text, List<Candidate> candidates)
    {
        candidates.Sort((a, b) =>
            a.Length != b.Length ? b.Length.CompareTo(a.Length)
            : a.Priority != b.Priority ? a.Priority.CompareTo(b.Priority)
            : a.Start.CompareTo(b.Start));
        var taken = new List<Candidate>(candidates.Count);
        foreach (var candidate in candidates)
        {
            if (candidate.Length <= 0) continue;
            var overlaps = false;
            foreach (var kept in taken)
            {
                if (candidate.Start < kept.End && kept.Start < candidate.End) { overlaps = true; break; }
            }
            if (!overlaps) taken.Add(candidate);
        }
        taken.Sort((a, b) => a.Start.CompareTo(b.Start));
        return taken.ConvertAll(c => new Entity(c.Type, text.Substring(c.Start, c.Length), c.Start, c.Length, c.Value));
    }

    private static Regex Compile(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, s_patternTimeout);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Order-number pattern '{pattern}' is not a valid regular expression: {e.Message}", nameof(EntityExtractorOptions.OrderNumberPatterns), e);
        }
    }
}
