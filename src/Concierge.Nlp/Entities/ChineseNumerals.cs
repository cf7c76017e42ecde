namespace Concierge.Nlp.Entities;

/// <summary>
/// Parses numbers written the Chinese way, alone or mixed with Arabic digits: 一百二十三 → 123, 两千零五 → 2005,
/// 三百五 → 350 (colloquial: a trailing digit takes the next lower unit), 一万五 → 15000, 3万 → 30000, 1.5亿,
/// 三点五 → 3.5, 二〇二四 → 2024 (digit by digit), and the financial forms 壹贰叁肆伍陆柒捌玖拾佰仟.
/// </summary>
public static class ChineseNumerals
{
    /// <summary>Characters that can appear in a Chinese number (digits, units, 点); useful to find candidate spans.</summary>
    public const string Characters = "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億貳兩點点幺";

    /// <summary>Parses the whole of <paramref name="text"/>; false when it is not a number.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out decimal value)
    {
        value = 0;
        text = text.Trim();
        if (text.IsEmpty) return false;
        try
        {
            return TryParseCore(text, out value);
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>Parses <paramref name="text"/>, or returns null.</summary>
    public static decimal? Parse(ReadOnlySpan<char> text) => TryParse(text, out var value) ? value : null;

    /// <summary>The value of a single digit character (Arabic or Chinese), or -1.</summary>
    public static int Digit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        '零' or '〇' => 0,
        '一' or '壹' or '幺' => 1,
        '二' or '两' or '贰' or '貳' or '兩' => 2,
        '三' or '叁' => 3,
        '四' or '肆' => 4,
        '五' or '伍' => 5,
        '六' or '陆' => 6,
        '七' or '柒' => 7,
        '八' or '捌' => 8,
        '九' or '玖' => 9,
        _ => -1,
    };

    private static long Unit(char c) => c switch
    {
        '十' or '拾' => 10,
        '百' or '佰' => 100,
        '千' or '仟' => 1000,
        '万' or '萬' => 10_000,
        '亿' or '億' => 100_000_000,
        _ => 0,
    };

    private static bool TryParseCore(ReadOnlySpan<char> text, out decimal value)
    {
        value = 0;
        var point = text.IndexOfAny('点', '點', '.');
        if (point >= 0)
        {
            if (!TryParseInteger(text[..point], out var whole) || point == text.Length - 1) return false;
            decimal fraction = 0, scale = 1;
            foreach (var c in text[(point + 1)..])
            {
                var d = Digit(c);
                if (d < 0)
                {
                    // 1.5万, 三点五亿: a unit after the fraction scales the whole number.
                    var unit = Unit(c);
                    if (unit < 10_000 || c != text[^1]) return false;
                    value = (whole + fraction) * unit;
                    return true;
                }
                scale /= 10;
                fraction += d * scale;
            }
            value = whole + fraction;
            return true;
        }
        if (!TryParseInteger(text, out var integer)) return false;
        value = integer;
        return true;
    }

    private static bool TryParseInteger(ReadOnlySpan<char> text, out decimal value)
    {
        value = 0;
        if (text.IsEmpty) return false;

        var hasUnit = false;
        foreach (var c in text)
        {
            if (Unit(c) > 0) hasUnit = true;
            else if (Digit(c) < 0) return false;
        }
        if (!hasUnit)
        {
            // 二〇二四, 138, 三五: digit by digit.
            foreach (var c in text) value = value * 10 + Digit(c);
            return true;
        }

        decimal total = 0, section = 0;
        long number = 0, lastUnit = 0;
        var digitsInNumber = 0;
        var zeroSinceUnit = false;
        foreach (var c in text)
        {
            var d = Digit(c);
            if (d >= 0)
            {
                if (d == 0 && !char.IsAsciiDigit(c)) { zeroSinceUnit = true; continue; }
                number = char.IsAsciiDigit(c) && digitsInNumber > 0 ? number * 10 + d : d;   // 35万 keeps Arabic runs
                digitsInNumber++;
                continue;
            }
            var unit = Unit(c);
            if (unit >= 10_000)
            {
                section += number;
                if (unit == 100_000_000) { total = (total + section) * unit; }
                else { total += section * unit; }
                section = 0;
            }
            else
            {
                // 十五 means 1×10 + 5: a unit without a leading digit counts once.
                section += (digitsInNumber == 0 ? 1 : number) * unit;
            }
            number = 0;
            digitsInNumber = 0;
            lastUnit = unit;
            zeroSinceUnit = false;
        }
        if (digitsInNumber > 0)
        {
            // 三百五 = 350 and 一万五 = 15000, but 两千零五 = 2005 and 二十五 = 25.
            var implied = !zeroSinceUnit && lastUnit >= 100 && number < 10 && digitsInNumber == 1 ? lastUnit / 10 : 1;
            section += number * implied;
        }
        value = total + section;
        return true;
    }
}
