using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Concierge.Platform.Hosting;

/// <summary>
/// Every user-facing string of the UI, in English (the key) and Simplified Chinese. The language follows the request culture
/// (browser or the language switch). Kept in code rather than .resx so one file shows both languages side by side.
/// </summary>
public sealed class Texts : IStringLocalizer
{
    public LocalizedString this[string name] => new(name, Translate(name), resourceNotFound: false);

    public LocalizedString this[string name, params object[] arguments] =>
        new(name, string.Format(CultureInfo.CurrentCulture, Translate(name), arguments), resourceNotFound: false);

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        Chinese.Keys.Select(k => this[k]);

    public static bool IsChinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    private static string Translate(string key) => IsChinese && Chinese.TryGetValue(key, out var zh) ? zh : key;

    internal static readonly Dictionary<string, string> Chinese = TextsZh.All;
}
