namespace Concierge.Nlp.Text;

/// <summary>
/// Writes chat spelling in its standard form, so that "咋退款", "啥时候发货", "可以开发票么" and "u dont have my pwd" meet
/// "怎么退款", "什么时候发货", "可以开发票吗" and "you don't have my password" in a model's training text or a knowledge base.
/// Applied to queries by <see cref="TypoCorrector"/>, which keeps every form its vocabulary itself uses ("wanna" in a
/// training set that says "wanna" stays: rewriting both sides retrains on other text and moved the public figures by
/// ±0.5 for nothing). Only forms that are unambiguous in a customer's message are listed: 木有 (实木有…), 酱紫 (a colour),
/// 童鞋 and 稀饭 (things a shop sells), "r", "y" and "k" are left alone.
/// </summary>
internal static class Colloquial
{
    private static readonly Dictionary<string, string> English = new(StringComparer.Ordinal)
    {
        // contractions typed without the apostrophe
        ["dont"] = "don't", ["didnt"] = "didn't", ["doesnt"] = "doesn't", ["cant"] = "can't", ["wont"] = "won't",
        ["isnt"] = "isn't", ["wasnt"] = "wasn't", ["arent"] = "aren't", ["werent"] = "weren't", ["havent"] = "haven't",
        ["hasnt"] = "hasn't", ["hadnt"] = "hadn't", ["couldnt"] = "couldn't", ["wouldnt"] = "wouldn't",
        ["shouldnt"] = "shouldn't", ["im"] = "i'm", ["ive"] = "i've", ["youre"] = "you're", ["youve"] = "you've",
        ["theyre"] = "they're", ["thats"] = "that's", ["whats"] = "what's", ["wheres"] = "where's", ["hows"] = "how's",
        ["theres"] = "there's", ["whos"] = "who's",
        // chat spelling
        ["u"] = "you", ["ur"] = "your", ["pls"] = "please", ["plz"] = "please", ["thx"] = "thanks", ["thnx"] = "thanks",
        ["idk"] = "i don't know", ["tmrw"] = "tomorrow", ["tmr"] = "tomorrow", ["msg"] = "message", ["pwd"] = "password",
        ["cuz"] = "because", ["coz"] = "because", ["wanna"] = "want to", ["gonna"] = "going to", ["gotta"] = "got to",
        ["ppl"] = "people", ["abt"] = "about", ["acct"] = "account", ["b4"] = "before", ["2day"] = "today",
        ["nvm"] = "never mind",
    };

    // Every word of every English query is looked up: bucketed by length and first letter (an int key and a compare or
    // two), since hashing each word's characters cost more than the rest of this class.
    private static readonly Dictionary<int, (string From, string To)[]> EnglishByShape = English
        .GroupBy(p => Shape(p.Key.Length, p.Key[0]))
        .ToDictionary(g => g.Key, g => g.Select(p => (p.Key, p.Value)).ToArray());

    private static int Shape(int length, char first) => length << 16 | first;

    // Per word length, a bit per first character (a–z, 0–9) that some form of that length starts with.
    private static readonly ulong[] FirstByLength = English.Keys.Aggregate(new ulong[9], (bits, k) =>
    {
        bits[k.Length] |= Bit(k[0]);
        return bits;
    });

    private static ulong Bit(char c) => c is >= 'a' and <= 'z' ? 1UL << (c - 'a') : c is >= '0' and <= '9' ? 1UL << (26 + c - '0') : 0;

    private static string? EnglishStandard(ReadOnlySpan<char> token)
    {
        if (token.Length >= FirstByLength.Length || (FirstByLength[token.Length] & Bit(token[0])) == 0) return null;
        if (!EnglishByShape.TryGetValue(Shape(token.Length, token[0]), out var forms)) return null;
        foreach (var (from, to) in forms) if (token.SequenceEqual(from)) return to;
        return null;
    }

    // Longest first where one contains another (啥子 before 啥).
    private static readonly (string From, string To)[] Chinese =
    [
        ("有木有", "有没有"), ("肿么", "怎么"), ("神马", "什么"), ("灰常", "非常"), ("介个", "这个"), ("啥子", "什么"),
        ("啥", "什么"), ("咋", "怎么"),
    ];

    private const string ChineseStarts = "有肿神灰介啥咋";

    // Before a sentence-final 么 these make a word (什么, 怎么, 那么 …); after anything else 么 is the question particle 吗.
    private const string MeWords = "什怎这那多要为干没凭甚么";

    /// <summary>
    /// <paramref name="normalized"/> (from <see cref="TextNormalizer"/>) in standard spelling, except the forms in
    /// <paramref name="keep"/>; the same instance when nothing changes. Every colloquial form met (kept or not) is added
    /// to <paramref name="found"/> when given.
    /// </summary>
    public static string Standardize(string normalized, IReadOnlySet<string>? keep = null, ISet<string>? found = null)
    {
        if (!MayChange(normalized)) return normalized;
        var s = normalized;
        System.Text.StringBuilder? sb = null;
        var copied = 0;
        for (var i = 0; i < s.Length;)
        {
            var c = s[i];
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9' or '\'')
            {
                var start = i;
                while (i < s.Length && s[i] is >= 'a' and <= 'z' or >= '0' and <= '9' or '\'') i++;
                // Glued to other letters — Chinese (u盘 is a USB stick) or another alphabet (é): not an English word of its own.
                var glued = start > 0 && char.IsLetter(s[start - 1]) || i < s.Length && char.IsLetter(s[i]);
                if (!glued && EnglishStandard(s.AsSpan(start, i - start)) is { } standard)
                    Replace(s, start, i, s[start..i], standard, keep, found, ref sb, ref copied);
                continue;
            }
            if (c < 0x80) { i++; continue; }   // space or punctuation: every form below is Chinese
            if (c == '么' && i > 0 && CharClass.IsHan(s[i - 1]) && MeWords.IndexOf(s[i - 1]) < 0 && (i + 1 == s.Length || !CharClass.IsHan(s[i + 1])))
            {
                Replace(s, i, i + 1, "么", "吗", keep, found, ref sb, ref copied);
                i++;
                continue;
            }
            if (ChineseStarts.Contains(c) && ChineseForm(s, i) is ({ } form, var standardForm))
            {
                Replace(s, i, i + form.Length, form, standardForm, keep, found, ref sb, ref copied);
                i += form.Length;
            }
            else i++;
        }
        return sb is null ? normalized : sb.Append(s, copied, s.Length - copied).ToString();
    }

    // Writes `with` for s[from..to] (unless the form is kept), copying what lies between the previous replacement and this one.
    private static void Replace(string s, int from, int to, string form, string with, IReadOnlySet<string>? keep, ISet<string>? found,
        ref System.Text.StringBuilder? sb, ref int copied)
    {
        found?.Add(form);
        if (keep is not null && keep.Contains(form)) return;
        sb ??= new System.Text.StringBuilder(s.Length + 8);
        sb.Append(s, copied, from - copied).Append(with);
        copied = to;
    }

    private static (string? From, string To) ChineseForm(string s, int i)
    {
        foreach (var (from, to) in Chinese)
        {
            if (!s.AsSpan(i).StartsWith(from, StringComparison.Ordinal)) continue;
            if (from == "咋" && i + 1 < s.Length && s[i + 1] is '呼' or '舌') return default;   // 咋呼, 咋舌
            return (from, to);
        }
        return default;
    }

    // Cheap pre-check: most text has none of the Chinese forms and no ASCII word that could be chat spelling.
    private static bool MayChange(string s)
    {
        foreach (var c in s)
            if (c is '啥' or '咋' or '肿' or '神' or '木' or '灰' or '介' or '么' || c is >= 'a' and <= 'z' || c is >= '0' and <= '9')
                return true;
        return false;
    }
}
