using System.Text;

namespace Concierge.Nlp.Text;

/// <summary>
/// Canonical form for every text the engine compares: NFKC-style width folding (ＡＢＣ１２３ → abc123), traditional →
/// simplified Chinese (OpenCC t2s), invariant lower case, Chinese punctuation unified to ASCII (，。！？：；（）【】 →
/// , . ! ? : ; ( ) [ ]), quotes and brackets 「」『』“” → ", whitespace collapsed to single spaces and trimmed.
/// Emoji are kept (one code point each; skin tones, variation selectors and joiners are removed) because they carry
/// sentiment. Deterministic and culture-independent.
/// </summary>
public static class TextNormalizer
{
    /// <summary>Normalises <paramref name="text"/>; never throws, and null or empty gives "".</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var source = NeedsCompatibilityFolding(text) ? SafeNfkc(text) : text;

        var builder = new ValueBuilder(source.Length <= 512 ? stackalloc char[source.Length + 16] : new char[source.Length + 16]);
        try
        {
            var t2s = TraditionalToSimplified.Default;
            var pendingSpace = false;
            var span = source.AsSpan();
            for (var i = 0; i < span.Length;)
            {
                var c = span[i];
                if (CharClass.IsHan(c))
                {
                    FlushSpace(ref builder, ref pendingSpace);
                    i += t2s.Convert(span, i, ref builder);
                    continue;
                }
                i++;
                if (c < 0x80)
                {
                    if (c <= ' ' || c == 0x7F) { pendingSpace = true; continue; }
                    FlushSpace(ref builder, ref pendingSpace);
                    builder.Append(c is >= 'A' and <= 'Z' ? (char)(c + 32) : c);
                    continue;
                }
                if (c is >= '\uFF01' and <= '\uFF5E') c = (char)(c - 0xFEE0);   // full width ASCII (when NFKC was skipped)
                if (char.IsHighSurrogate(c) && i < span.Length && char.IsLowSurrogate(span[i]))
                {
                    var low = span[i++];
                    if (char.ConvertToUtf32(c, low) is >= 0x1F3FB and <= 0x1F3FF) continue;   // skin-tone modifiers: same emotion
                    FlushSpace(ref builder, ref pendingSpace);
                    builder.Append(c);                                      // emoji and rare ideographs: kept as they are
                    builder.Append(low);
                    continue;
                }
                if (char.IsWhiteSpace(c) || char.IsControl(c)) { pendingSpace = true; continue; }
                if (IsInvisible(c)) continue;
                var mapped = MapPunctuation(c);
                if (mapped == ' ') { pendingSpace = true; continue; }
                FlushSpace(ref builder, ref pendingSpace);
                if (mapped != '\0') builder.Append(mapped);
                else if (c == '…') builder.Append("...");
                else if (c is '—' or '―') { if (builder.Length == 0 || builder[builder.Length - 1] != '-') builder.Append('-'); }
                else builder.Append(char.ToLowerInvariant(c));
            }
            return builder.ToString();
        }
        finally
        {
            builder.Dispose();
        }
    }

    /// <summary>
    /// A same-length fold for scanners that must report offsets into the original text: full width → ASCII,
    /// traditional → simplified per character, Chinese punctuation → ASCII, ideographic space → ' '. Case is kept.
    /// </summary>
    internal static string FoldPreservingOffsets(string text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var t2s = TraditionalToSimplified.Default;
        return string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                if (c < 0x80) { span[i] = c; continue; }
                if (CharClass.IsHan(c)) { span[i] = t2s.MapChar(c); continue; }
                if (c is >= '\uFF01' and <= '\uFF5E') { span[i] = (char)(c - 0xFEE0); continue; }
                var mapped = MapPunctuation(c);
                span[i] = mapped == '\0' ? c : mapped;
            }
        });
    }

    private static void FlushSpace(ref ValueBuilder builder, ref bool pendingSpace)
    {
        if (pendingSpace && builder.Length > 0) builder.Append(' ');
        pendingSpace = false;
    }

    /// <summary>
    /// ICU's NFKC is comparatively slow, and Chinese/ASCII text only needs the width and punctuation folding done by
    /// hand, so NFKC runs only when a character outside those known ranges appears (①, ㎏, ﬁ, half-width katakana …).
    /// </summary>
    private static bool NeedsCompatibilityFolding(string text)
    {
        foreach (var c in text)
        {
            if (c < 0x80 || CharClass.IsHan(c) || char.IsSurrogate(c)) continue;
            if (c is >= '\uFF01' and <= '\uFF5E' || MapPunctuation(c) != '\0' || IsInvisible(c)) continue;
            if (c is '…' or '—' or '―' or '\u3000') continue;
            if (c is >= '\u00C0' and <= '\u024F' && c != '\u0132' && c != '\u0133' && c != '\u013F' && c != '\u0140' && c != '\u0149' && c != '\u017F')
                continue;                                                   // precomposed Latin letters are already NFKC
            return true;
        }
        return false;
    }

    private static string SafeNfkc(string text)
    {
        try
        {
            return text.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return text;                                                    // lone surrogates: keep the text as it is
        }
    }

    private static bool IsInvisible(char c) =>
        c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\uFE0E' or '\uFE0F' or '\u00AD';

    /// <summary>Returns the ASCII stand-in for Chinese punctuation, ' ' for a separator, or '\0' when not punctuation we fold.</summary>
    private static char MapPunctuation(char c) => c switch
    {
        '，' or '、' or '､' or '﹐' or '﹑' => ',',
        '。' or '｡' or '．' or '﹒' => '.',
        '！' or '﹗' => '!',
        '？' or '﹖' => '?',
        '：' or '﹕' => ':',
        '；' or '﹔' => ';',
        '（' or '﹙' => '(',
        '）' or '﹚' => ')',
        '【' or '〔' or '［' or '〖' => '[',
        '】' or '〕' or '］' or '〗' => ']',
        '「' or '」' or '『' or '』' or '“' or '”' or '„' or '〝' or '〞' or '＂' or '﹁' or '﹂' or '﹃' or '﹄' => '"',
        '‘' or '’' or '‚' or '＇' or '′' => '\'',
        '《' or '〈' or '‹' or '«' => '<',
        '》' or '〉' or '›' or '»' => '>',
        '～' or '〜' or '∼' => '~',
        '－' or '–' or '‐' or '‑' or '−' => '-',
        '・' or '･' or '•' or '‧' => '·',
        '￥' => '¥',
        '\u3000' => ' ',
        _ => '\0',
    };
}
