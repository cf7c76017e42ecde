namespace Concierge.Nlp.Text;

/// <summary>
/// A light, conservative English stemmer in the spirit of Porter's step 1: plurals (cards → card, policies →
/// policy, boxes → box), -ing / -ed (charging, charged → charg), -ly (monthly → month) and a final silent e
/// (charge → charg), so that inflections of one word meet on one stem. Short words and a list of common exceptions
/// (this, news, nothing, apply …) are left alone. Expects lower-case input; deterministic.
/// </summary>
public static class LatinStemmer
{
    private static readonly HashSet<string> s_keep = new(StringComparer.Ordinal)
    {
        "is", "was", "has", "his", "this", "its", "us", "yes", "does", "goes", "bus", "gas", "plus", "news", "series",
        "species", "always", "perhaps", "whereas", "across", "analysis", "basis", "crisis", "thesis", "status", "virus",
        "bonus", "campus", "focus", "minus", "nexus", "previous", "various", "serious", "famous", "anxious", "chaos",
        "address", "access", "process", "business", "success", "express", "less", "unless", "besides", "sometimes",
        "thing", "nothing", "something", "anything", "everything", "morning", "evening", "during", "string", "spring",
        "ceiling", "king", "ring", "sing", "wing", "bring", "swing", "sibling", "wedding", "pudding",
        "need", "speed", "feed", "seed", "indeed", "proceed", "exceed", "succeed", "bed", "red", "shed", "hundred",
        "apply", "reply", "supply", "comply", "imply", "multiply", "only", "early", "family", "july", "italy", "ally",
        "holy", "belly", "jelly", "rely", "assembly", "anomaly", "fly", "ugly", "monopoly", "butterfly",
        "iphone", "ios", "sms", "gps", "wifi", "paypal", "visa", "bonus", "alias", "atlas", "canvas", "christmas",
    };

    // Stemming a word costs a few set lookups and substring allocations, and is repeated for every token of every
    // prediction; the vocabulary of live text is small, so stems are memoised (Stem is a pure function). Bounded so
    // a stream of novel words cannot grow it without limit; reads are lock-free.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> s_cache = new(StringComparer.Ordinal);
    private const int CacheCapacity = 50_000;
    private const int MaxCachedLength = 24;

    /// <summary>Returns the stem of a lower-case word; words that are not plain ASCII letters come back unchanged.</summary>
    public static string Stem(string lowerWord)
    {
        if (string.IsNullOrEmpty(lowerWord) || lowerWord.Length <= 3) return lowerWord ?? "";
        if (lowerWord.Length > MaxCachedLength) return Compute(lowerWord);
        if (s_cache.TryGetValue(lowerWord, out var stem)) return stem;
        stem = Compute(lowerWord);
        if (s_cache.Count < CacheCapacity) s_cache.TryAdd(lowerWord, stem);
        return stem;
    }

    private static string Compute(string lowerWord)
    {
        if (string.IsNullOrEmpty(lowerWord) || lowerWord.Length <= 3) return lowerWord ?? "";
        foreach (var c in lowerWord)
        {
            if (c is not ((>= 'a' and <= 'z') or '\'')) return lowerWord;
        }
        if (s_keep.Contains(lowerWord)) return lowerWord;

        var w = lowerWord;
        if (w.EndsWith("'s", StringComparison.Ordinal)) w = w[..^2];
        else if (w.EndsWith("s'", StringComparison.Ordinal)) w = w[..^1];
        if (w.Length <= 3 || s_keep.Contains(w)) return w;

        w = StripPlural(w);
        var stripped = StripSuffix(w);
        if (!ReferenceEquals(stripped, w)) return stripped;
        return DropFinalE(w);
    }

    private static string StripPlural(string w)
    {
        if (w.EndsWith("sses", StringComparison.Ordinal)) return w[..^2];
        if (w.EndsWith("ies", StringComparison.Ordinal) && w.Length > 4) return w[..^3] + "y";
        if (w.EndsWith("es", StringComparison.Ordinal) && w.Length > 4 &&
            (w.EndsWith("ches", StringComparison.Ordinal) || w.EndsWith("shes", StringComparison.Ordinal) ||
             w.EndsWith("xes", StringComparison.Ordinal) || w.EndsWith("zes", StringComparison.Ordinal)))
            return w[..^2];
        if (w[^1] == 's' && w[^2] is not ('s' or 'u' or 'i') && w.Length > 3) return w[..^1];
        return w;
    }

    private static string StripSuffix(string w)
    {
        if (s_keep.Contains(w)) return w;
        if (w.EndsWith("ied", StringComparison.Ordinal) && w.Length > 4) return w[..^3] + "y";
        if (w.EndsWith("ing", StringComparison.Ordinal) && w.Length >= 6 && HasVowel(w.AsSpan(0, w.Length - 3)))
            return Undouble(w[..^3]);
        if (w.EndsWith("ed", StringComparison.Ordinal) && !w.EndsWith("eed", StringComparison.Ordinal) && w.Length >= 5 && HasVowel(w.AsSpan(0, w.Length - 2)))
            return DropFinalE(Undouble(w[..^2]));
        if (w.EndsWith("ly", StringComparison.Ordinal) && w.Length >= 6 && !w.EndsWith("ily", StringComparison.Ordinal) &&
            !w.EndsWith("ply", StringComparison.Ordinal) && !w.EndsWith("bly", StringComparison.Ordinal))
            return w[..^2];
        return w;
    }

    private static string Undouble(string stem)
    {
        if (stem.Length >= 3 && stem[^1] == stem[^2] && stem[^1] is not ('l' or 's' or 'z' or 'e' or 'o') && !IsVowel(stem[^1]))
            return stem[..^1];
        return stem;
    }

    private static string DropFinalE(string w) =>
        w.Length > 4 && w[^1] == 'e' && w[^2] != 'e' ? w[..^1] : w;

    private static bool HasVowel(ReadOnlySpan<char> s)
    {
        foreach (var c in s) if (IsVowel(c) || c == 'y') return true;
        return false;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';
}
