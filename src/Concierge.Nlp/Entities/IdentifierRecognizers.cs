using System.Text;
using System.Text.RegularExpressions;

namespace Concierge.Nlp.Entities;

/// <summary>
/// Emails, phones, Chinese ID cards, bank cards and order numbers: the identifiers a customer pastes into a chat.
/// All patterns run on width-folded text, so full-width digits (１３８…) are found too.
/// </summary>
internal static partial class IdentifierRecognizers
{
    // Keywords just before a bare number that say what it is, whatever its checksum happens to be.
    private static readonly string[] s_orderCues = ["订单", "单号", "order", "快递", "运单", "物流", "tracking", "发货单", "编号"];
    private static readonly string[] s_cardCues = ["卡号", "银行卡", "信用卡", "储蓄卡", "card", "卡"];

    [GeneratedRegex(@"(?<![\w.+-])[a-z0-9](?:[a-z0-9._%+-]{0,63})@[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)*\.[a-z]{2,24}(?![a-z0-9])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"(?<![\d+])(?:(?:\+|00)86[\s-]?)?(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex ChinaMobilePattern();

    // Area code 0xx/0xxx with a separator or parentheses, so a bare 11-digit run starting with 0 stays an order number.
    [GeneratedRegex(@"(?<![\d+])(?:(?:\+|00)86[\s-]?)?(?:\((0\d{2,3})\)\s?|(0\d{2,3})[\s-])(\d{7,8})(?:-(\d{1,5}))?(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex ChinaLandlinePattern();

    [GeneratedRegex(@"(?<![\d+])([48]00)[\s-]?(\d{3})[\s-]?(\d{4})(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex ChinaServiceLinePattern();

    [GeneratedRegex(@"(?<![\w+])(?:\+|00)([1-9]\d{0,2})[\s-]?\(?\d{1,4}\)?(?:[\s-]?\d{2,4}){2,4}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex InternationalPattern();

    // North American numbers written the usual way: (415) 555-0132, 415-555-0132.
    [GeneratedRegex(@"(?<![\d+])(?:\(([2-9]\d{2})\)\s?|([2-9]\d{2})-)([2-9]\d{2})-(\d{4})(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex NorthAmericanPattern();

    [GeneratedRegex(@"(?<![0-9])\d{17}[0-9Xx](?![0-9a-zA-Z])", RegexOptions.CultureInvariant)]
    private static partial Regex IdCardPattern();

    // 13–19 digits, optionally written in groups of four separated by one space or dash.
    [GeneratedRegex(@"(?<![\d-])(?:\d{13,19}|\d{4}(?:[ -]\d{4}){2,3}(?:[ -]\d{1,3})?)(?![\d])", RegexOptions.CultureInvariant)]
    private static partial Regex CardPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Za-z]{1,4}-?\d{8,20}(?![A-Za-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex PrefixedOrderPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9.])\d{10,20}(?![A-Za-z0-9]|\.\d)", RegexOptions.CultureInvariant)]
    private static partial Regex DigitOrderPattern();

    public static void Emails(string folded, List<Candidate> output)
    {
        foreach (Match m in EmailPattern().Matches(folded))
            output.Add(new(EntityTypes.Email, m.Index, m.Length, m.Value.ToLowerInvariant(), Precedence.Email));
    }

    public static void Phones(string folded, List<Candidate> output)
    {
        foreach (Match m in ChinaMobilePattern().Matches(folded))
            output.Add(new(EntityTypes.Phone, m.Index, m.Length, "+86" + m.Groups[1].Value + m.Groups[2].Value + m.Groups[3].Value, Precedence.Phone));
        foreach (Match m in ChinaLandlinePattern().Matches(folded))
        {
            var area = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
            var value = "+86" + area[1..] + m.Groups[3].Value + (m.Groups[4].Success ? ";ext=" + m.Groups[4].Value : "");
            output.Add(new(EntityTypes.Phone, m.Index, m.Length, value, Precedence.Phone));
        }
        foreach (Match m in ChinaServiceLinePattern().Matches(folded))
            output.Add(new(EntityTypes.Phone, m.Index, m.Length, "+86" + m.Groups[1].Value + m.Groups[2].Value + m.Groups[3].Value, Precedence.Phone));
        foreach (Match m in NorthAmericanPattern().Matches(folded))
        {
            var area = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
            output.Add(new(EntityTypes.Phone, m.Index, m.Length, "+1" + area + m.Groups[3].Value + m.Groups[4].Value, Precedence.Phone));
        }
        foreach (Match m in InternationalPattern().Matches(folded))
        {
            var digits = DigitsOf(m.ValueSpan);
            if (m.Value.StartsWith("00", StringComparison.Ordinal)) digits = digits[2..];
            if (digits.Length is < 8 or > 15) continue;                // E.164 allows at most 15 digits
            output.Add(new(EntityTypes.Phone, m.Index, m.Length, "+" + digits, Precedence.Phone + 1));
        }
    }

    public static void IdCards(string folded, List<Candidate> output, DateTimeOffset now)
    {
        foreach (Match m in IdCardPattern().Matches(folded))
        {
            if (IsValidIdCard(m.ValueSpan, now))
                output.Add(new(EntityTypes.IdCard, m.Index, m.Length, m.Value.ToUpperInvariant(), Precedence.IdCard));
        }
    }

    /// <summary>GB 11643: weighted sum mod 11 selects the check character, and positions 7–14 are a real birth date.</summary>
    internal static bool IsValidIdCard(ReadOnlySpan<char> id, DateTimeOffset now)
    {
        if (id.Length != 18) return false;
        ReadOnlySpan<int> weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        const string checks = "10X98765432";
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(id[i])) return false;
            sum += (id[i] - '0') * weights[i];
        }
        if (char.ToUpperInvariant(id[17]) != checks[sum % 11]) return false;
        var year = int.Parse(id.Slice(6, 4));
        var month = int.Parse(id.Slice(10, 2));
        var day = int.Parse(id.Slice(12, 2));
        if (year < 1900 || year > now.Year || month is < 1 or > 12) return false;
        return day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }

    /// <summary>
    /// Bank cards are Luhn-valid 13–19 digit numbers starting 2–6 (the card networks' ranges). A checksum passes by
    /// chance for one number in ten, so a bare number right after an order cue (订单号, order) stays an order number.
    /// </summary>
    public static void BankCards(string folded, List<Candidate> output)
    {
        foreach (Match m in CardPattern().Matches(folded))
        {
            var digits = DigitsOf(m.ValueSpan);
            if (digits.Length is < 13 or > 19 || digits[0] is < '2' or > '6' || !IsLuhnValid(digits)) continue;
            if (HasCue(folded, m.Index, s_orderCues) && !HasCue(folded, m.Index, s_cardCues)) continue;
            output.Add(new(EntityTypes.BankCard, m.Index, m.Length, digits, Precedence.BankCard));
        }
    }

    internal static bool IsLuhnValid(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubleIt) { d *= 2; if (d > 9) d -= 9; }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    public static void DefaultOrderNumbers(string folded, List<Candidate> output)
    {
        foreach (Match m in PrefixedOrderPattern().Matches(folded))
            output.Add(new(EntityTypes.OrderNumber, m.Index, m.Length, m.Value.Replace("-", "", StringComparison.Ordinal).ToUpperInvariant(), Precedence.DefaultOrder));
        foreach (Match m in DigitOrderPattern().Matches(folded))
        {
            // A cue makes the number an order number even against a phone or card reading of the same digits.
            var priority = HasCue(folded, m.Index, s_orderCues) ? Precedence.CustomOrder : Precedence.DefaultOrder;
            output.Add(new(EntityTypes.OrderNumber, m.Index, m.Length, m.Value, priority));
        }
    }

    public static void CustomOrderNumbers(string folded, IReadOnlyList<Regex> patterns, List<Candidate> output)
    {
        foreach (var pattern in patterns)
        {
            try
            {
                foreach (Match m in pattern.Matches(folded))
                {
                    if (m.Length == 0) continue;
                    output.Add(new(EntityTypes.OrderNumber, m.Index, m.Length, m.Value.ToUpperInvariant(), Precedence.CustomOrder));
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A pathological company pattern must not take the bot down; skip it for this message.
            }
        }
    }

    /// <summary>Whether one of <paramref name="cues"/> ends within a few characters before <paramref name="index"/>.</summary>
    private static bool HasCue(string text, int index, string[] cues)
    {
        var windowStart = Math.Max(0, index - 12);
        var window = text.AsSpan(windowStart, index - windowStart);
        foreach (var cue in cues)
        {
            if (window.Contains(cue, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    private static string DigitsOf(ReadOnlySpan<char> text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text) if (char.IsAsciiDigit(c)) builder.Append(c);
        return builder.ToString();
    }
}
