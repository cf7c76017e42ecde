using System.Text.Json;
using System.Text.RegularExpressions;

namespace Concierge.Features.Bot.Skills;

/// <summary>
/// Fills {placeholders} in replies and connector paths: slot names, customer.name / customer.externalId, and
/// result.* (the connector's JSON). For display, a value with a label in the definition (or a choice option) reads as
/// that label in the customer's language; raw values go to the connector.
/// </summary>
internal static partial class SkillTemplate
{
    public sealed record Values(IReadOnlyDictionary<string, string> Slots, SkillContext Context, JsonElement? Result);

    public static string Display(string template, SkillDefinition definition, Values values, string language) =>
        Placeholder().Replace(template, m =>
        {
            var key = m.Groups[1].Value;
            var raw = Raw(key, values) ?? "";
            if (definition.Labels.TryGetValue(key, out var labels) && labels.TryGetValue(raw, out var label)) return label.In(language);
            if (definition.Slots.FirstOrDefault(s => s.Name == key)?.Options.FirstOrDefault(o => o.Value == raw) is { } option) return option.Label(language);
            return raw.Length > 0 ? raw : "—";
        });

    public static string Url(string template, Values values) =>
        Placeholder().Replace(template, m => Uri.EscapeDataString(Raw(m.Groups[1].Value, values) ?? ""));

    public static string RawText(string template, Values values) =>
        Placeholder().Replace(template, m => Raw(m.Groups[1].Value, values) ?? "");

    /// <summary>"result.status=delivered" or "result.eta": does the condition hold?</summary>
    public static bool Holds(string? condition, Values values)
    {
        if (string.IsNullOrWhiteSpace(condition)) return true;
        var parts = condition.Split('=', 2);
        var actual = Raw(parts[0].Trim(), values);
        return parts.Length == 1 ? !string.IsNullOrEmpty(actual) : string.Equals(actual, parts[1].Trim(), StringComparison.OrdinalIgnoreCase);
    }

    private static string? Raw(string key, Values values)
    {
        if (values.Slots.TryGetValue(key, out var slot)) return slot;
        if (key == "customer.name") return values.Context.Turn.CustomerName;
        if (key == "customer.externalId") return values.Context.Turn.CustomerExternalId;
        if (!key.StartsWith("result.", StringComparison.Ordinal) || values.Result is not { } result) return null;
        var node = result;
        foreach (var part in key["result.".Length..].Split('.'))
        {
            if (node.ValueKind != JsonValueKind.Object || !TryProperty(node, part, out node)) return null;
        }
        return node.ValueKind switch
        {
            JsonValueKind.String => node.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => node.GetRawText(),
        };
    }

    private static bool TryProperty(JsonElement element, string name, out JsonElement value)
    {
        if (element.TryGetProperty(name, out value)) return true;
        // Order systems differ in casing (trackingNumber, TrackingNumber); a definition should not have to care.
        foreach (var p in element.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) { value = p.Value; return true; }
        }
        return false;
    }

    [GeneratedRegex(@"\{([a-zA-Z_][\w.]*)\}")]
    private static partial Regex Placeholder();
}
