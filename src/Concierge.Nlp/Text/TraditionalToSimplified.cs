namespace Concierge.Nlp.Text;

/// <summary>
/// OpenCC's t2s conversion (TSPhrases, then TSCharacters): longest phrase match first, so that words simplified
/// text also writes with a "traditional" character (乾隆, 乾坤) survive, then one character at a time.
/// </summary>
internal sealed class TraditionalToSimplified
{
    private static readonly Lazy<TraditionalToSimplified> s_default = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly char[] _chars = new char[65536];                  // 0 = unchanged
    private readonly bool[] _phraseStart = new bool[65536];
    private readonly Dictionary<string, string> _phrases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _phraseLookup;
    private int _maxPhrase;

    private TraditionalToSimplified() => _phraseLookup = _phrases.GetAlternateLookup<ReadOnlySpan<char>>();

    public static TraditionalToSimplified Default => s_default.Value;

    private static TraditionalToSimplified Load()
    {
        var table = new TraditionalToSimplified();
        var text = EmbeddedData.ReadAllText("t2s.txt.gz");
        foreach (var line in EmbeddedData.Lines(text))
        {
            var tab = line.IndexOf('\t');
            if (tab <= 0) continue;
            var source = line[..tab];
            var target = line[(tab + 1)..];
            if (source.Length == 1 && target.Length == 1)
            {
                table._chars[source[0]] = target[0];
            }
            else
            {
                table._phrases[source.ToString()] = target.ToString();
                table._phraseStart[source[0]] = true;
                table._maxPhrase = Math.Max(table._maxPhrase, source.Length);
            }
        }
        return table;
    }

    /// <summary>Converts text[i..] and appends to <paramref name="output"/>; returns how many source chars were consumed.</summary>
    public int Convert(ReadOnlySpan<char> text, int i, ref ValueBuilder output)
    {
        var c = text[i];
        if (_phraseStart[c])
        {
            for (var n = Math.Min(_maxPhrase, text.Length - i); n >= 2; n--)
            {
                if (_phraseLookup.TryGetValue(text.Slice(i, n), out var target))
                {
                    output.Append(target);
                    return n;
                }
            }
        }
        var mapped = _chars[c];
        output.Append(mapped == 0 ? c : mapped);
        return 1;
    }

    public char MapChar(char c)
    {
        var mapped = _chars[c];
        return mapped == 0 ? c : mapped;
    }
}
