namespace Concierge.Nlp.Text;

/// <summary>Character classes shared by the normaliser, the segmenter and the entity scanner.</summary>
internal static class CharClass
{
    /// <summary>CJK unified ideographs (basic block, extension A, compatibility) and 〇.</summary>
    public static bool IsHan(char c) =>
        c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF' or '\u3007';

    public static bool IsAsciiAlnum(char c) => c is >= 'a' and <= 'z' or >= '0' and <= '9' or >= 'A' and <= 'Z';

    /// <summary>Letters and digits of other alphabets (é, кириллица, かな) form word runs like ASCII does.</summary>
    public static bool IsWordChar(char c) => IsAsciiAlnum(c) || (c >= 0x80 && !IsHan(c) && !char.IsSurrogate(c) && char.IsLetterOrDigit(c));
}
