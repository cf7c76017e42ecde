using System.Globalization;
using System.Text.RegularExpressions;

namespace Concierge.Nlp.Entities;

/// <summary>
/// Money: ¥35.5, $20, RMB 500, 35.5元, 三百五十元, 两千块, 5块5, 两元五角, 3万元, 20 dollars. A number needs a currency
/// next to it; a bare number is never an amount. Values read "350 CNY".
/// </summary>
internal static partial class AmountRecognizer
{
    private const string Number = @"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?";
    // A leading 零 only before 点 (零点五元); otherwise it belongs to a word such as 找零.
    private const string ChineseNumber = "(?:[零〇]点|[一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟])[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟点]*";

    [GeneratedRegex(@"(?<![a-z0-9])(?<cur>us\$|hk\$|[¥$€£]|rmb|cny|usd|eur|gbp|hkd|jpy)\s?(?<num>" + Number + @")(?<mult>[万千亿])?(?![\d])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PrefixPattern();

    [GeneratedRegex(@"(?<![\d.])(?<num>(?:" + Number + @")[万千百亿]?|" + ChineseNumber + @")\s?(?<cur>块钱|块|元钱|元|圆|人民币|美元|美金|刀|欧元|英镑|港币|港元|日元|rmb|cny|yuan|usd|dollars?|bucks|euros?|eur|pounds?|gbp|hkd|yen|jpy)(?![a-z])" +
                    @"(?:(?<jiao>[0-9一二两三四五六七八九])(?<jiaoUnit>角|毛)?(?:(?<fen>[0-9一二三四五六七八九])分)?)?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SuffixPattern();

    // After 块 ("piece"), a following noun means a count, not money: 一块蛋糕 is a piece of cake.
    private const string MoneyContinuations = "钱的了吧啊呢吗呀么左右多,.!?;:)]\" ";

    public static void Find(string folded, List<Candidate> output)
    {
        foreach (Match m in PrefixPattern().Matches(folded))
        {
            if (!TryNumber(m.Groups["num"].Value + m.Groups["mult"].Value, out var amount)) continue;
            output.Add(Create(m.Index, m.Length, amount, Currency(m.Groups["cur"].Value)));
        }
        foreach (Match m in SuffixPattern().Matches(folded))
        {
            var currency = m.Groups["cur"].Value;
            if (!TryNumber(m.Groups["num"].Value, out var amount)) continue;
            var length = m.Length;
            var jiao = m.Groups["jiao"];
            if (jiao.Success)
            {
                // 5块5 and 两元五角: a jiao digit needs 角/毛, except straight after 块 where it is implied.
                var bareAfterKuai = !m.Groups["jiaoUnit"].Success && currency == "块" && !m.Groups["fen"].Success;
                var followedByDigit = m.Index + m.Length < folded.Length && ChineseNumerals.Digit(folded[m.Index + m.Length]) >= 0;
                if ((m.Groups["jiaoUnit"].Success || bareAfterKuai) && !followedByDigit)
                {
                    amount += ChineseNumerals.Digit(jiao.Value[0]) / 10m;
                    if (m.Groups["fen"].Success) amount += ChineseNumerals.Digit(m.Groups["fen"].Value[0]) / 100m;
                }
                else
                {
                    length = m.Groups["cur"].Index + m.Groups["cur"].Length - m.Index;
                }
            }
            else if (currency == "块")
            {
                var next = m.Index + length < folded.Length ? folded[m.Index + length] : ' ';
                if (Text.CharClass.IsHan(next) && !MoneyContinuations.Contains(next)) continue;
            }
            output.Add(Create(m.Index, length, amount, Currency(currency)));
        }
    }

    private static Candidate Create(int start, int length, decimal amount, string currency) =>
        new(EntityTypes.Amount, start, length, amount.ToString("0.##", CultureInfo.InvariantCulture) + " " + currency, Precedence.Amount);

    private static bool TryNumber(string text, out decimal value) =>
        ChineseNumerals.TryParse(text.Replace(",", "", StringComparison.Ordinal), out value) && value > 0;

    private static string Currency(string marker) => marker.ToLowerInvariant() switch
    {
        "$" or "us$" or "usd" or "美元" or "美金" or "刀" or "dollar" or "dollars" or "bucks" => "USD",
        "€" or "eur" or "欧元" or "euro" or "euros" => "EUR",
        "£" or "gbp" or "英镑" or "pound" or "pounds" => "GBP",
        "hk$" or "hkd" or "港币" or "港元" => "HKD",
        "jpy" or "日元" or "yen" => "JPY",
        _ => "CNY",
    };
}
