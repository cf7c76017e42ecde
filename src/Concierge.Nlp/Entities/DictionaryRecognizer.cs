using Concierge.Nlp.Text;

namespace Concierge.Nlp.Entities;

/// <summary>
/// Custom dictionary entities (products, cities, plans …): longest synonym first, case-, width- and
/// traditional/simplified-insensitive; a Latin synonym must stand as a whole word (beijing, not beijingx).
/// </summary>
internal sealed class DictionaryRecognizer
{
    private readonly Dictionary<string, (string Type, string Canonical)> _synonyms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Type, string Canonical)>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly bool[] _lengths;

    public DictionaryRecognizer(IEnumerable<DictionaryEntity> entries)
    {
        _lookup = _synonyms.GetAlternateLookup<ReadOnlySpan<char>>();
        var maxLength = 0;
        foreach (var entry in entries)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(entry.Type);
            ArgumentException.ThrowIfNullOrWhiteSpace(entry.Canonical);
            foreach (var synonym in entry.Synonyms.Append(entry.Canonical))
            {
                var key = Fold(synonym.Trim());
                if (key.Length == 0) continue;
                _synonyms.TryAdd(key, (entry.Type, entry.Canonical));       // first entry wins a shared synonym
                maxLength = Math.Max(maxLength, key.Length);
            }
        }
        _lengths = new bool[maxLength + 1];
        foreach (var key in _synonyms.Keys) _lengths[key.Length] = true;
        Entries = entries.ToArray();
    }

    public IReadOnlyList<DictionaryEntity> Entries { get; }

    public bool IsEmpty => _synonyms.Count == 0;

    internal static string Fold(string text) => TextNormalizer.FoldPreservingOffsets(text).ToLowerInvariant();

    public void Find(string foldedLower, List<Candidate> output)
    {
        if (IsEmpty) return;
        var text = foldedLower.AsSpan();
        for (var i = 0; i < text.Length;)
        {
            var found = 0;
            for (var length = Math.Min(_lengths.Length - 1, text.Length - i); length >= 1; length--)
            {
                if (!_lengths[length] || !_lookup.TryGetValue(text.Slice(i, length), out var hit)) continue;
                if (!WholeWord(text, i, length)) continue;
                output.Add(new(hit.Type, i, length, hit.Canonical, Precedence.Dictionary));
                found = length;
                break;
            }
            i += found > 0 ? found : 1;
        }
    }

    private static bool WholeWord(ReadOnlySpan<char> text, int start, int length)
    {
        var end = start + length;
        if (CharClass.IsWordChar(text[start]) && start > 0 && CharClass.IsWordChar(text[start - 1])) return false;
        if (CharClass.IsWordChar(text[end - 1]) && end < text.Length && CharClass.IsWordChar(text[end])) return false;
        return true;
    }
}
