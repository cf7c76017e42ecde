using System.Text.Json;
using System.Text.Json.Serialization;

namespace Concierge.Features.Routing;

/// <summary>
/// When an inbox is staffed: the same opening time on the given weekdays, in the company's time zone. Outside these hours
/// a customer who asks for a human leaves a message, which waits in the queue as a follow-up.
/// </summary>
/// <param name="TimeZone">An IANA or Windows time-zone id, e.g. "Asia/Shanghai".</param>
/// <param name="Days">Open weekdays, 1 = Monday … 7 = Sunday.</param>
/// <param name="Open">"09:00".</param>
/// <param name="Close">"21:00"; earlier than <paramref name="Open"/> means the shift runs past midnight.</param>
public sealed record BusinessHours(string TimeZone, IReadOnlyList<int> Days, string Open, string Close)
{
    public Result Validate()
    {
        if (!TryZone(TimeZone, out _)) return Result.Invalid("businessHours.timeZone", $"Unknown time zone '{TimeZone}'.");
        if (Days is null || Days.Count == 0 || Days.Any(d => d is < 1 or > 7))
            return Result.Invalid("businessHours.days", "Days must be weekday numbers from 1 (Monday) to 7 (Sunday).");
        if (!TimeOnly.TryParse(Open, System.Globalization.CultureInfo.InvariantCulture, out _))
            return Result.Invalid("businessHours.open", "The opening time must look like 09:00.");
        if (!TimeOnly.TryParse(Close, System.Globalization.CultureInfo.InvariantCulture, out _))
            return Result.Invalid("businessHours.close", "The closing time must look like 21:00.");
        return Result.Ok();
    }

    public bool IsOpen(DateTimeOffset now)
    {
        if (!TryZone(TimeZone, out var zone)) return true;
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var open = TimeOnly.Parse(Open, System.Globalization.CultureInfo.InvariantCulture);
        var close = TimeOnly.Parse(Close, System.Globalization.CultureInfo.InvariantCulture);
        var time = TimeOnly.FromDateTime(local.DateTime);
        int Day(DayOfWeek d) => d == DayOfWeek.Sunday ? 7 : (int)d;
        if (open <= close) return Days.Contains(Day(local.DayOfWeek)) && time >= open && time < close;
        // Past midnight: the early-morning part belongs to the previous day's shift.
        return (Days.Contains(Day(local.DayOfWeek)) && time >= open) || (Days.Contains(Day(local.AddDays(-1).DayOfWeek)) && time < close);
    }

    private static bool TryZone(string id, out TimeZoneInfo zone)
    {
        try { zone = TimeZoneInfo.FindSystemTimeZoneById(id); return true; }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException) { zone = TimeZoneInfo.Utc; return false; }
    }
}

/// <summary>The JSON shape of routing settings stored on an inbox and accepted by the API.</summary>
public static class RoutingJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
