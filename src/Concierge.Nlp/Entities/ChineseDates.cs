using System.Text.RegularExpressions;

namespace Concierge.Nlp.Entities;

/// <summary>Chinese date and time expressions; see <see cref="DateTimeRecognizer"/> for the conventions.</summary>
internal static partial class ChineseDates
{
    private const string Day = "[0-3]?\\d|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九]";
    private const string Month = "1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]";
    private const string Hour = "[0-2]?\\d|二十[一二三四]?|十[一二三四五六七八九]?|[零一二两三四五六七八九]";
    private const string Minute = "[0-5]?\\d|[一二三四五]?十[一二三四五六七八九]?|[零一二三四五六七八九]";
    private const string PartOfDay = "凌晨|早上|早晨|清晨|上午|中午|下午|傍晚|晚上|夜里|夜间|半夜";

    [GeneratedRegex(@"(?:(?<y>\d{4}|[零〇一二三四五六七八九]{4})\s*年|(?<yrel>今年|明年|去年|后年|前年))?\s*(?<m>" + Month + @")\s*月(?:份)?\s*(?:(?<d>" + Day + @")\s*[日号]?)?(?![0-9])")]
    private static partial Regex AbsolutePattern();

    [GeneratedRegex(@"(?<![\d.])(?<y>\d{4})[-/.](?<m>1[0-2]|0?[1-9])[-/.](?<d>[0-3]?\d)(?![\d])")]
    private static partial Regex IsoPattern();

    [GeneratedRegex(@"(?:(?<mrel>下个?月|上个?月|这个?月|本月)\s*)?(?<d>" + Day + @")\s*[号日](?![线楼房门床位店机码院馆厅台车子])")]
    private static partial Regex DayOfMonthPattern();

    [GeneratedRegex(@"(?<mrel>下个?月|上个?月|这个?月|本月)")]
    private static partial Regex MonthRelativePattern();

    [GeneratedRegex(@"大前天|前天|昨天|昨日|昨晚|今天|今日|今晚|今早|明天|明日|明早|明晚|大后天|后天")]
    private static partial Regex RelativeDayPattern();

    [GeneratedRegex(@"(?<mod>下下|上上|下|上|这|本)?\s*个?\s*(?:周|星期|礼拜)(?<wd>[一二三四五六日天1-7]|末)")]
    private static partial Regex WeekdayPattern();

    [GeneratedRegex(@"(?<mod>下下|上上|下|上|这|本)\s*个?\s*(?:周|星期|礼拜)(?![一二三四五六日天1-7末])")]
    private static partial Regex WeekPattern();

    [GeneratedRegex(@"(?<n>\d+|[一二两三四五六七八九十半]+)\s*(?<unit>个?小时|分钟|天|日|个?星期|周|个?礼拜|个月|年)\s*(?<dir>以后|之后|后|以前|之前|前|内|以内)")]
    private static partial Regex OffsetPattern();

    [GeneratedRegex(@"(?<pod>" + PartOfDay + @")?\s*(?<h>" + Hour + @")\s*(?:点钟?|时)\s*(?:(?<half>半)|(?<q>一刻|三刻)|(?<min>" + Minute + @")\s*(?<fen>分)?)?")]
    private static partial Regex ClockPattern();

    [GeneratedRegex(@"(?<![\d:])(?<h>[01]?\d|2[0-3])[:：](?<min>[0-5]\d)(?::(?<s>[0-5]\d))?(?![\d])")]
    private static partial Regex ColonClockPattern();

    public static void Find(string text, DateTimeOffset now, List<DatePart> dates, List<TimePart> times)
    {
        var today = DateTimeRecognizer.Today(now);

        foreach (Match m in AbsolutePattern().Matches(text))
        {
            if (!TryInt(m.Groups["m"].Value, out var month)) continue;
            var year = today.Year;
            var hasYear = false;
            if (m.Groups["y"].Success && TryInt(m.Groups["y"].Value, out var y)) { year = y; hasYear = true; }
            else if (m.Groups["yrel"].Success) { year += YearOffset(m.Groups["yrel"].Value); hasYear = true; }
            if (m.Groups["d"].Success && TryInt(m.Groups["d"].Value, out var day))
            {
                if (DateTimeRecognizer.SafeDate(year, month, day) is { } date) dates.Add(new(m.Index, m.Length, date, DatePrecision.Day));
            }
            else if (hasYear || m.Value.Contains('份') || ChineseNumerals.Digit(m.Groups["m"].Value[0]) >= 0)
            {
                // 5月 / 五月份 / 2024年5月: a month without a day.
                if (DateTimeRecognizer.SafeDate(year, month, 1) is { } date) dates.Add(new(m.Index, m.Length, date, DatePrecision.Month));
            }
        }
        foreach (Match m in IsoPattern().Matches(text))
        {
            if (DateTimeRecognizer.SafeDate(int.Parse(m.Groups["y"].Value), int.Parse(m.Groups["m"].Value), int.Parse(m.Groups["d"].Value)) is { } date)
                dates.Add(new(m.Index, m.Length, date, DatePrecision.Day));
        }
        foreach (Match m in DayOfMonthPattern().Matches(text))
        {
            if (!TryInt(m.Groups["d"].Value, out var day)) continue;
            var month = m.Groups["mrel"].Success ? today.AddMonths(MonthOffset(m.Groups["mrel"].Value)) : today;
            if (DateTimeRecognizer.SafeDate(month.Year, month.Month, day) is { } date) dates.Add(new(m.Index, m.Length, date, DatePrecision.Day));
        }
        foreach (Match m in MonthRelativePattern().Matches(text))
        {
            var month = today.AddMonths(MonthOffset(m.Value));
            dates.Add(new(m.Index, m.Length, new DateOnly(month.Year, month.Month, 1), DatePrecision.Month));
        }
        foreach (Match m in RelativeDayPattern().Matches(text))
        {
            var (offset, evening) = m.Value switch
            {
                "大前天" => (-3, false),
                "前天" => (-2, false),
                "昨天" or "昨日" => (-1, false),
                "昨晚" => (-1, true),
                "今晚" => (0, true),
                "明天" or "明日" or "明早" => (1, false),
                "明晚" => (1, true),
                "后天" => (2, false),
                "大后天" => (3, false),
                _ => (0, false),
            };
            dates.Add(new(m.Index, m.Length, today.AddDays(offset), DatePrecision.Day, Evening: evening));
        }
        foreach (Match m in WeekdayPattern().Matches(text))
        {
            var wd = m.Groups["wd"].Value;
            var weekday = wd is "末" ? 6 : wd is "日" or "天" ? 7 : ChineseNumerals.Digit(wd[0]);
            if (weekday is < 1 or > 7) continue;
            dates.Add(new(m.Index, m.Length, DateTimeRecognizer.WeekdayIn(today, weekday, WeekOffset(m.Groups["mod"].Value)), DatePrecision.Day));
        }
        foreach (Match m in WeekPattern().Matches(text))
        {
            var monday = DateTimeRecognizer.WeekdayIn(today, 1, WeekOffset(m.Groups["mod"].Value));
            dates.Add(new(m.Index, m.Length, monday, DatePrecision.Week));
        }
        foreach (Match m in OffsetPattern().Matches(text))
        {
            var nText = m.Groups["n"].Value;
            decimal n;
            if (nText == "半") n = 0.5m;
            else if (!ChineseNumerals.TryParse(nText, out n)) continue;
            var unit = m.Groups["unit"].Value.TrimStart('个') switch
            {
                "小时" => "hour",
                "分钟" => "minute",
                "天" or "日" => "day",
                "星期" or "周" or "礼拜" => "week",
                "月" => "month",
                _ => "year",
            };
            if (n != decimal.Truncate(n) && unit is not ("hour" or "minute"))
            {
                continue;                                                // 半天后, 半年前: too vague for a date
            }
            var sign = m.Groups["dir"].Value is "前" or "以前" or "之前" ? -1 : 1;
            if (DateTimeRecognizer.Offset(m.Index, m.Length, now, n, unit, sign) is { } part) dates.Add(part);
        }
        foreach (Match m in ClockPattern().Matches(text))
        {
            var hourText = m.Groups["h"].Value;
            var partOfDay = m.Groups["pod"].Success ? m.Groups["pod"].Value : null;
            var hasMinutes = m.Groups["half"].Success || m.Groups["q"].Success || m.Groups["fen"].Success;
            // 一点 alone usually means "a little" (快一点, 便宜一点), not one o'clock.
            if (hourText == "一" && partOfDay is null && !hasMinutes && !m.Value.Contains('钟')) continue;
            if (!TryInt(hourText, out var hour)) continue;
            var minute = 0;
            var ambiguous = false;
            if (m.Groups["half"].Success) minute = 30;
            else if (m.Groups["q"].Success) minute = m.Groups["q"].Value == "一刻" ? 15 : 45;
            else if (m.Groups["min"].Success)
            {
                // 三点五 without 分 is ambiguous (3:05 or 3.5); only a two-digit minute or 分 reads as minutes.
                ambiguous = !m.Groups["fen"].Success && m.Groups["min"].Value.Length < 2 && !char.IsAsciiDigit(m.Groups["min"].Value[0]);
                if (!ambiguous && !TryInt(m.Groups["min"].Value, out minute)) continue;
            }
            if (DateTimeRecognizer.Clock(hour, minute, partOfDay) is not { } clock) continue;
            var length = m.Length;
            if (ambiguous)
                length = m.Groups["min"].Index - m.Index;                // leave the ambiguous digit out of the span
            times.Add(new(m.Index, length, clock, partOfDay is not null || hour >= 12 || hour == 0));
        }
        foreach (Match m in ColonClockPattern().Matches(text))
        {
            var hour = int.Parse(m.Groups["h"].Value);
            var minute = int.Parse(m.Groups["min"].Value);
            // A part of day just before (下午3:30) still applies.
            var before = text.AsSpan(0, m.Index).TrimEnd();
            string? partOfDay = null;
            foreach (var pod in PartOfDay.Split('|'))
            {
                if (before.EndsWith(pod, StringComparison.Ordinal)) { partOfDay = pod; break; }
            }
            if (DateTimeRecognizer.Clock(hour, minute, partOfDay) is not { } clock) continue;
            var start = partOfDay is null ? m.Index : before.Length - partOfDay.Length;
            times.Add(new(start, m.Index + m.Length - start, clock, true));
        }
    }

    private static bool TryInt(string text, out int value)
    {
        value = 0;
        if (!ChineseNumerals.TryParse(text, out var d) || d != decimal.Truncate(d) || d > int.MaxValue) return false;
        value = (int)d;
        return true;
    }

    private static int YearOffset(string word) => word switch
    {
        "明年" => 1,
        "后年" => 2,
        "去年" => -1,
        "前年" => -2,
        _ => 0,
    };

    private static int MonthOffset(string word) => word.StartsWith('下') ? 1 : word.StartsWith('上') ? -1 : 0;

    private static int WeekOffset(string modifier) => modifier switch
    {
        "下" => 1,
        "下下" => 2,
        "上" => -1,
        "上上" => -2,
        _ => 0,
    };
}
