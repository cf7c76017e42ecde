using System.Text.RegularExpressions;
using Concierge.Platform.Hosting;

namespace Concierge.Components.Kit;

/// <summary>Presentation helpers shared by pages: names and times as the signed-in person should read them.</summary>
public static partial class Display
{
    /// <summary>Anonymous visitors are stored as "Visitor 1A2B3C"; show that label in the UI's language.</summary>
    public static string Person(string name, Texts texts) =>
        VisitorLabel().Match(name) is { Success: true } m ? texts["Visitor {0}", m.Groups[1].Value] : name;

    /// <summary>The browser's UTC offset, which app.js keeps in the "tz" cookie; UTC until the browser has told us.</summary>
    public static TimeSpan Offset(HttpContext http) =>
        int.TryParse(http.Request.Cookies["tz"], out var minutes) && Math.Abs(minutes) <= 14 * 60 ? TimeSpan.FromMinutes(minutes) : TimeSpan.Zero;

    public static string Time(DateTimeOffset at, HttpContext http, string format = "yyyy-MM-dd HH:mm") => at.ToOffset(Offset(http)).ToString(format);

    /// <summary>The text key of an agent's presence ("online" → "Online"); pass it through <see cref="Texts"/>.</summary>
    public static string PresenceLabel(string presence) => presence switch { "online" => "Online", "busy" => "Busy", "away" => "Away", _ => "Offline" };

    /// <summary>The text key of a detected emotion ("angry" → "Angry"); null reads as neutral.</summary>
    public static string EmotionLabel(string? emotion) => emotion switch
    {
        "angry" => "Angry", "anxious" => "Anxious", "disappointed" => "Disappointed", "satisfied" => "Satisfied", _ => "Neutral",
    };

    /// <summary>The text key of an agent's level ("senior" → "Senior").</summary>
    public static string LevelLabel(string level) => level switch { "expert" => "Expert", "senior" => "Senior", _ => "Junior" };

    [GeneratedRegex("^Visitor ([0-9A-F]{6})$")]
    private static partial Regex VisitorLabel();
}
