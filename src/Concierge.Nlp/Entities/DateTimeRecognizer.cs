using System.Globalization;
using System.Text.RegularExpressions;

namespace Concierge.Nlp.Entities;

/// <summary>How much of a date an expression pins down; decides the ISO-8601 form of the value.</summary>
internal enum DatePrecision { Day, Week, Month, Year, Instant }

/// <summary>A date or an instant found in text, before it is joined with a neighbouring time of day.</summary>
internal readonly record struct DatePart(int Start, int Length, DateOnly Date, DatePrecision Precision, DateTimeOffset Instant = default, bool Evening = false)
{
    public int End => Start + Length;
}

/// <summary>A time of day; <see cref="Explicit"/> when am/pm or a 24-hour clock fixed the half of the day.</summary>
internal readonly record struct TimePart(int Start, int Length, TimeOnly Time, bool Explicit)
{
    public int End => Start + Length;
}

/// <summary>
/// Dates and times in Chinese and English, absolute (2024年5月21日, 5月21号, 2024-05-21, May 21st) and relative to
/// <c>now</c> (今天, 明天下午三点, 后天, 下周一, 3天后, next Monday, tomorrow at 3pm, 3 days ago). A date followed or
/// preceded by a time becomes one entity. Weeks start on Monday: 下周一 and "next Monday" are the Monday of next
/// week; a bare weekday in Chinese (周五) is this week's, in English (Friday) the next one from today on.
/// A time alone is today at that time.
/// </summary>
internal static partial class DateTimeRecognizer
{
    public static void Find(string folded, DateTimeOffset now, List<Candidate> output)
    {
        var dates = new List<DatePart>();
        var times = new List<TimePart>();
        ChineseDates.Find(folded, now, dates, times);
        EnglishDates.Find(folded, now, dates, times);
        RemoveContained(dates, d => (d.Start, d.End));
        RemoveContained(times, t => (t.Start, t.End));

        var usedTimes = new HashSet<int>();
        foreach (var date in dates)
        {
            var joined = -1;
            for (var i = 0; i < times.Count; i++)
            {
                if (usedTimes.Contains(i) || date.Precision != DatePrecision.Day) continue;
                if (IsJoin(folded, date.End, times[i].Start) || IsJoin(folded, times[i].End, date.Start)) { joined = i; break; }
            }
            if (joined < 0)
            {
                output.Add(new(EntityTypes.DateTime, date.Start, date.Length, Format(date, now), Precedence.DateTime));
                continue;
            }
            usedTimes.Add(joined);
            var time = times[joined];
            var clock = time.Explicit || !date.Evening || time.Time.Hour >= 12 ? time.Time : time.Time.AddHours(12);
            var start = Math.Min(date.Start, time.Start);
            var end = Math.Max(date.End, time.End);
            output.Add(new(EntityTypes.DateTime, start, end - start, FormatInstant(date.Date, clock, now), Precedence.DateTime));
        }
        for (var i = 0; i < times.Count; i++)
        {
            if (usedTimes.Contains(i)) continue;
            var time = times[i];
            output.Add(new(EntityTypes.DateTime, time.Start, time.Length, FormatInstant(DateOnly.FromDateTime(now.DateTime), time.Time, now), Precedence.DateTime));
        }
    }

    /// <summary>Only spaces, a comma, 的 or "at"/"on" between a date and a time make them one expression.</summary>
    private static bool IsJoin(string text, int end, int start)
    {
        if (start < end || start - end > 4) return false;
        var gap = text.AsSpan(end, start - end).Trim();
        return gap.IsEmpty || gap is "," or "的" or "at" or "on" or "," or "at about" or "around";
    }

    private static void RemoveContained<T>(List<T> items, Func<T, (int Start, int End)> range)
    {
        // Overlapping readings of one phrase (后天 inside 大后天): keep the longest.
        items.Sort((a, b) => range(a).Start != range(b).Start ? range(a).Start.CompareTo(range(b).Start) : range(b).End.CompareTo(range(a).End));
        var kept = new List<T>(items.Count);
        var lastEnd = -1;
        foreach (var item in items)
        {
            if (range(item).Start < lastEnd) continue;
            kept.Add(item);
            lastEnd = range(item).End;
        }
        items.Clear();
        items.AddRange(kept);
    }

    private static string Format(DatePart date, DateTimeOffset now) => date.Precision switch
    {
        DatePrecision.Instant => date.Instant.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        DatePrecision.Week => $"{ISOWeek.GetYear(date.Date.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(date.Date.ToDateTime(TimeOnly.MinValue)):00}",
        DatePrecision.Month => date.Date.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        DatePrecision.Year => date.Date.ToString("yyyy", CultureInfo.InvariantCulture),
        _ => date.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    private static string FormatInstant(DateOnly date, TimeOnly time, DateTimeOffset now) =>
        new DateTimeOffset(date.ToDateTime(time), now.Offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>Today in the caller's offset.</summary>
    internal static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(now.DateTime);

    /// <summary>Monday = 1 … Sunday = 7.</summary>
    internal static int IsoDay(DateOnly date) => date.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)date.DayOfWeek;

    /// <summary>The given weekday (1–7) in the week <paramref name="weekOffset"/> weeks from this one.</summary>
    internal static DateOnly WeekdayIn(DateOnly today, int weekday, int weekOffset) =>
        today.AddDays(weekday - IsoDay(today) + 7 * weekOffset);

    internal static DateOnly? SafeDate(int year, int month, int day) =>
        year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;

    /// <summary>now ± n units as a date part: days and longer give a date, hours and minutes an instant.</summary>
    internal static DatePart? Offset(int start, int length, DateTimeOffset now, decimal n, string unit, int sign)
    {
        var today = Today(now);
        try
        {
            return unit switch
            {
                "minute" => new DatePart(start, length, today, DatePrecision.Instant, now.AddMinutes((double)(sign * n))),
                "hour" => new DatePart(start, length, today, DatePrecision.Instant, now.AddHours((double)(sign * n))),
                "day" => new DatePart(start, length, today.AddDays(sign * (int)n), DatePrecision.Day),
                "week" => new DatePart(start, length, today.AddDays(sign * 7 * (int)n), DatePrecision.Day),
                "month" => new DatePart(start, length, today.AddMonths(sign * (int)n), DatePrecision.Day),
                "year" => new DatePart(start, length, today.AddYears(sign * (int)n), DatePrecision.Day),
                _ => null,
            };
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>Converts an hour read with a part-of-day word (下午三点 → 15:00).</summary>
    internal static TimeOnly? Clock(int hour, int minute, string? partOfDay)
    {
        if (hour is < 0 or > 24 || minute is < 0 or > 59) return null;
        if (hour == 24) hour = 0;
        switch (partOfDay)
        {
            case "下午" or "晚上" or "傍晚" or "夜里" or "夜间" or "今晚" or "pm" or "p.m." or "p.m" or "pm.":
                if (hour < 12) hour += 12;
                break;
            case "中午":
                if (hour < 11) hour += 12;
                break;
            case "半夜" or "凌晨" or "am" or "a.m." or "a.m" or "am.":
                if (hour == 12) hour = 0;
                break;
        }
        return new TimeOnly(hour, minute);
    }
}
