using System.Text.RegularExpressions;

namespace Concierge.Nlp.Entities;

/// <summary>English date and time expressions; see <see cref="DateTimeRecognizer"/> for the conventions.</summary>
internal static partial class EnglishDates
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;
    private const string MonthName = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec";
    private const string Weekday = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
    private const string WeekdayShort = "mon|tues|tue|wed|thurs|thu|fri|sat|sun";
    private const string Count = @"\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a couple of|a few|several";
    private const string Unit = "minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?";

    [GeneratedRegex(@"\b(?:the\s+)?day\s+after\s+tomorrow\b|\b(?:the\s+)?day\s+before\s+yesterday\b|\b(?:today|tonight|tomorrow|tmrw|tmr|yesterday)\b", Options)]
    private static partial Regex RelativeDayPattern();

    [GeneratedRegex(@"\b(?:(?<mod>next|this|last|coming|upcoming)\s+(?<wd>" + Weekday + "|" + WeekdayShort + @")|(?:on\s+)?(?<wd>" + Weekday + @"))\b", Options)]
    private static partial Regex WeekdayPattern();

    [GeneratedRegex(@"\b(?<mod>next|last|this)\s+(?<unit>week|month|year)\b", Options)]
    private static partial Regex PeriodPattern();

    [GeneratedRegex(@"\bin\s+(?<n>" + Count + @")\s+(?<unit>" + Unit + @")\b|\b(?<n>" + Count + @")\s+(?<unit>" + Unit + @")\s+(?<dir>ago|later|from\s+now|before)\b", Options)]
    private static partial Regex OffsetPattern();

    [GeneratedRegex(@"\b(?<mon>" + MonthName + @")\.?\s+(?<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?<y>\d{4})\b)?", Options)]
    private static partial Regex MonthDayPattern();

    [GeneratedRegex(@"\b(?<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?<mon>" + MonthName + @")\b\.?(?:,?\s+(?<y>\d{4})\b)?", Options)]
    private static partial Regex DayMonthPattern();

    [GeneratedRegex(@"(?<![\d/])(?<m>1[0-2]|0?[1-9])/(?<d>[0-3]?\d)/(?<y>\d{4})(?![\d/])", Options)]
    private static partial Regex UsDatePattern();

    [GeneratedRegex(@"\b(?:at\s+|by\s+|around\s+)?(?<h>1[0-2]|0?[1-9])(?::(?<min>[0-5]\d))?\s*(?<ap>a\.?m\.?|p\.?m\.?)(?![a-z])|\b(?:at\s+)?(?<h>1[0-2]|0?[1-9])\s+o'?clock\b|\b(?:at\s+)?(?<noon>noon|midday|midnight)\b", Options)]
    private static partial Regex ClockPattern();

    public static void Find(string text, DateTimeOffset now, List<DatePart> dates, List<TimePart> times)
    {
        var today = DateTimeRecognizer.Today(now);

        foreach (Match m in RelativeDayPattern().Matches(text))
        {
            var word = Regex.Replace(m.Value.ToLowerInvariant(), @"\s+", " ");
            var (offset, evening) = word switch
            {
                "yesterday" => (-1, false),
                "tonight" => (0, true),
                "tomorrow" or "tmr" or "tmrw" => (1, false),
                _ when word.EndsWith("after tomorrow", StringComparison.Ordinal) => (2, false),
                _ when word.EndsWith("before yesterday", StringComparison.Ordinal) => (-2, false),
                _ => (0, false),
            };
            dates.Add(new(m.Index, m.Length, today.AddDays(offset), DatePrecision.Day, Evening: evening));
        }
        foreach (Match m in WeekdayPattern().Matches(text))
        {
            var weekday = WeekdayNumber(m.Groups["wd"].Value);
            var date = m.Groups["mod"].Value.ToLowerInvariant() switch
            {
                "next" => DateTimeRecognizer.WeekdayIn(today, weekday, 1),
                "last" => DateTimeRecognizer.WeekdayIn(today, weekday, -1),
                "this" => DateTimeRecognizer.WeekdayIn(today, weekday, 0),
                _ => today.AddDays((weekday - DateTimeRecognizer.IsoDay(today) + 7) % 7),   // the next one, today included
            };
            dates.Add(new(m.Index, m.Length, date, DatePrecision.Day));
        }
        foreach (Match m in PeriodPattern().Matches(text))
        {
            var sign = m.Groups["mod"].Value.ToLowerInvariant() switch { "next" => 1, "last" => -1, _ => 0 };
            var part = m.Groups["unit"].Value.ToLowerInvariant() switch
            {
                "week" => new DatePart(m.Index, m.Length, DateTimeRecognizer.WeekdayIn(today, 1, sign), DatePrecision.Week),
                "month" => new DatePart(m.Index, m.Length, new DateOnly(today.Year, today.Month, 1).AddMonths(sign), DatePrecision.Month),
                _ => new DatePart(m.Index, m.Length, new DateOnly(today.Year + sign, 1, 1), DatePrecision.Year),
            };
            dates.Add(part);
        }
        foreach (Match m in OffsetPattern().Matches(text))
        {
            if (CountValue(m.Groups["n"].Value) is not { } n) continue;
            var unitWord = m.Groups["unit"].Value.ToLowerInvariant();
            var unit = unitWord.StartsWith("min", StringComparison.Ordinal) ? "minute"
                : unitWord.StartsWith('h') ? "hour"
                : unitWord.StartsWith('d') ? "day"
                : unitWord.StartsWith('w') ? "week"
                : unitWord.StartsWith("mo", StringComparison.Ordinal) ? "month" : "year";
            var sign = m.Groups["dir"].Value.ToLowerInvariant() is "ago" or "before" ? -1 : 1;
            if (DateTimeRecognizer.Offset(m.Index, m.Length, now, n, unit, sign) is { } part) dates.Add(part);
        }
        foreach (var pattern in new[] { MonthDayPattern(), DayMonthPattern() })
        {
            foreach (Match m in pattern.Matches(text))
            {
                var month = MonthNumber(m.Groups["mon"].Value);
                var day = int.Parse(m.Groups["d"].Value);
                var year = m.Groups["y"].Success ? int.Parse(m.Groups["y"].Value) : today.Year;
                // "may" is also a verb: "may 2" only counts when followed by a year or written "May".
                if (m.Groups["mon"].Value == "may" && !m.Groups["y"].Success) continue;
                if (DateTimeRecognizer.SafeDate(year, month, day) is { } date) dates.Add(new(m.Index, m.Length, date, DatePrecision.Day));
            }
        }
        foreach (Match m in UsDatePattern().Matches(text))
        {
            if (DateTimeRecognizer.SafeDate(int.Parse(m.Groups["y"].Value), int.Parse(m.Groups["m"].Value), int.Parse(m.Groups["d"].Value)) is { } date)
                dates.Add(new(m.Index, m.Length, date, DatePrecision.Day));
        }
        foreach (Match m in ClockPattern().Matches(text))
        {
            TimeOnly? clock;
            var isExplicit = true;
            if (m.Groups["noon"].Success)
            {
                clock = m.Groups["noon"].Value.Equals("midnight", StringComparison.OrdinalIgnoreCase) ? new TimeOnly(0, 0) : new TimeOnly(12, 0);
            }
            else
            {
                var hour = int.Parse(m.Groups["h"].Value);
                var minute = m.Groups["min"].Success ? int.Parse(m.Groups["min"].Value) : 0;
                var ap = m.Groups["ap"].Success ? m.Groups["ap"].Value.ToLowerInvariant().Replace(".", "", StringComparison.Ordinal) : null;
                isExplicit = ap is not null;
                clock = DateTimeRecognizer.Clock(hour, minute, ap);
            }
            if (clock is { } c) times.Add(new(m.Index, m.Length, c, isExplicit));
        }
    }

    private static decimal? CountValue(string word) => word.ToLowerInvariant() switch
    {
        "a" or "an" or "one" => 1,
        "two" or "a couple of" => 2,
        "three" or "a few" or "several" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        var digits when int.TryParse(digits, out var n) && n <= 10_000 => n,
        _ => null,
    };

    private static int WeekdayNumber(string name) => name.ToLowerInvariant()[..2] switch
    {
        "mo" => 1,
        "tu" => 2,
        "we" => 3,
        "th" => 4,
        "fr" => 5,
        "sa" => 6,
        _ => 7,
    };

    private static int MonthNumber(string name) => name.ToLowerInvariant()[..3] switch
    {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        _ => 12,
    };
}
