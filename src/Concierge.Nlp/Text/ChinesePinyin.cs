namespace Concierge.Nlp.Text;

/// <summary>
/// Toneless pinyin of Chinese characters, for matching that survives input-method typos: a customer typing pinyin
/// picks a wrong character of the same sound far more often than a wrong sound (退宽 for 退款, 发漂 for 发票, 以经
/// for 已经). A character read several ways gets the first reading npm <c>pinyin</c> 4.0.0 lists (行 → hang, 还 → huan;
/// see Resources/LICENSES.md) and, for the few dozen common characters whose other reading is the everyday one in a
/// customer's message (还没 hai, 都 dou, 行不行 xing, 重新 chong, 便宜 pian …), that reading as well
/// (<see cref="SecondSoundOf"/>). Sounds are compared "fuzzily", as input methods offer for regional accents: zh/z, ch/c,
/// sh/s, n/l and the -ng finals ang/an, eng/en, ing/in count as one, so 是/四 and 牛/刘 share a sound class.
/// </summary>
internal static class ChinesePinyin
{
    private static readonly Lazy<Table> s_table = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private sealed record Table(ushort[] SoundOf, string[] Sounds, ushort[] ExactSoundOf, Dictionary<char, int> SecondSoundOf);

    /// <summary>The character's sound class (1-based; 0 = not a Chinese character with a known reading).</summary>
    public static int SoundOf(char c) => s_table.Value.SoundOf[c];

    /// <summary>The sound class of the character's other everyday reading (还 → hai, 都 → dou), 0 when it has none listed.</summary>
    public static int SecondSoundOf(char c) => s_table.Value.SecondSoundOf.GetValueOrDefault(c);

    // Written for Concierge: characters whose first listed reading is not the one customers mostly mean.
    private const string SecondReadings =
        "还hai 都dou 行xing 重chong 便pian 着zhe 地de 长zhang 觉jiao 调diao 差chai 了liao 说shui 会kuai 乐yue 降xiang " +
        "藏zang 和huo 没mo 的di";

    /// <summary>The character's exact toneless syllable as a number (0 = unknown): 是 and 四 differ here, for tools that make typos.</summary>
    internal static int ExactSoundOf(char c) => s_table.Value.ExactSoundOf[c];

    /// <summary>The fuzzy toneless syllable of a sound class ("zi" for 字 and 至 alike).</summary>
    public static string Sound(int id) => s_table.Value.Sounds[id];

    /// <summary>The text's Chinese characters as fuzzy syllables separated by spaces; other characters are skipped.</summary>
    public static string Of(string text)
    {
        var parts = new List<string>();
        foreach (var c in text)
        {
            var s = SoundOf(c);
            if (s > 0) parts.Add(Sound(s));
        }
        return string.Join(' ', parts);
    }

    /// <summary>The accent-tolerant form of a toneless syllable: zh→z, ch→c, sh→s, n→l, -ang→-an, -eng→-en, -ing→-in.</summary>
    internal static string Fuzzy(string syllable)
    {
        var s = syllable;
        if (s.StartsWith("zh", StringComparison.Ordinal) || s.StartsWith("ch", StringComparison.Ordinal) || s.StartsWith("sh", StringComparison.Ordinal))
            s = s[0] + s[2..];
        else if (s.Length > 1 && s[0] == 'n') s = "l" + s[1..];
        if (s.EndsWith("ang", StringComparison.Ordinal) || s.EndsWith("eng", StringComparison.Ordinal) || s.EndsWith("ing", StringComparison.Ordinal))
            s = s[..^1];
        return s;
    }

    private static Table Load()
    {
        var soundOf = new ushort[65536];
        var exactOf = new ushort[65536];
        ushort exact = 0;
        var ids = new Dictionary<string, ushort>(StringComparer.Ordinal);
        var sounds = new List<string> { "" };
        var text = EmbeddedData.ReadAllText("pinyin.txt.gz");
        foreach (var line in EmbeddedData.Lines(text))
        {
            var tab = line.IndexOf('\t');
            if (tab <= 0) continue;
            exact++;
            var sound = Fuzzy(line[..tab].ToString());
            if (!ids.TryGetValue(sound, out var id))
            {
                id = (ushort)sounds.Count;
                ids[sound] = id;
                sounds.Add(sound);
            }
            foreach (var c in line[(tab + 1)..]) { soundOf[c] = id; exactOf[c] = exact; }
        }
        var second = new Dictionary<char, int>();
        foreach (var entry in SecondReadings.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            // Only a reading that differs from the first one (after the fuzzy folding) and is a known syllable.
            if (ids.TryGetValue(Fuzzy(entry[1..]), out var id) && id != soundOf[entry[0]]) second[entry[0]] = id;
        }
        return new Table(soundOf, [.. sounds], exactOf, second);
    }
}
