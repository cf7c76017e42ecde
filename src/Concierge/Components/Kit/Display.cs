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

    [GeneratedRegex("^Visitor ([0-9A-F]{6})$")]
    private static partial Regex VisitorLabel();
}
