using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Concierge.Nlp.Entities;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Concierge.Features.Bot.Skills;

/// <summary>One thing wrong with a skill definition: the field (a JSON path such as <c>slots[0].pattern</c>) and why.</summary>
public sealed record SkillDefinitionProblem(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}

/// <summary>
/// Reads a skill definition written as JSON or YAML (the same shape; YAML is turned into JSON first) and validates it
/// field by field, so the admin sees every problem at once with the field it concerns.
/// </summary>
public static partial class SkillDefinitionText
{
    public const int MaxLength = 64 * 1024;
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];
    private static readonly string[] EntityTriggerTypes =
        [EntityTypes.OrderNumber, EntityTypes.Phone, EntityTypes.Email, EntityTypes.Amount, EntityTypes.DateTime, EntityTypes.IdCard, EntityTypes.BankCard];

    /// <summary>A starting point for a new skill in the editor.</summary>
    public const string Example = """
        name: my_skill
        triggers:
          zh: [触发词]
          en: [trigger phrase]
        slots:
          - name: order_number
            type: order_number
            prompt: { zh: 请告诉我您的订单号。, en: What is your order number? }
            reprompt: { zh: 这不像订单号，请再发一次。, en: "That doesn't look like an order number. Could you send it again?" }
        action:
          connector: orders
          path: "orders/{order_number}?customer={customer.externalId}"
          success:
            - zh: 订单 {order_number}：{result.status}
              en: "Order {order_number}: {result.status}"
        """;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Parse and validate; <paramref name="connectors"/> (the registered connector names) is checked when given.</summary>
    public static (SkillDefinition? Definition, IReadOnlyList<SkillDefinitionProblem> Problems) Parse(string? text, IReadOnlyCollection<string>? connectors = null)
    {
        if (string.IsNullOrWhiteSpace(text)) return (null, [new("definition", "The definition is empty.")]);
        if (text.Length > MaxLength) return (null, [new("definition", $"The definition is longer than {MaxLength / 1024} KB.")]);
        var trimmed = text.TrimStart();
        string json;
        if (trimmed.StartsWith('{')) json = text;
        else
        {
            try { json = YamlToJson(text); }
            catch (YamlException ex) { return (null, [new("definition", $"Not valid YAML (line {ex.Start.Line}, column {ex.Start.Column}): {ex.Message}")]); }
        }

        SkillDefinition? definition;
        try { definition = JsonSerializer.Deserialize<SkillDefinition>(json, Json); }
        catch (JsonException ex) { return (null, [FromJsonError(ex)]); }
        if (definition is null) return (null, [new("definition", "The definition is empty.")]);
        var problems = Validate(definition, connectors).ToList();
        return problems.Count == 0 ? (definition, []) : (null, problems);
    }

    /// <summary>The definition as the editor shows it (indented JSON, Chinese left readable).</summary>
    public static string ToJson(SkillDefinition definition) => JsonSerializer.Serialize(definition, Indented);

    public static IEnumerable<SkillDefinitionProblem> Validate(SkillDefinition d, IReadOnlyCollection<string>? connectors = null)
    {
        if (string.IsNullOrWhiteSpace(d.Name)) yield return new("name", "A name is required.");
        else if (!NamePattern().IsMatch(d.Name)) yield return new("name", "Use 1–64 lower-case letters, digits, '_' or '-'.");
        if (d.MaxReprompts is < 0 or > 5) yield return new("maxReprompts", "maxReprompts must be 0–5.");
        if (d.Triggers?.Zh is null || d.Triggers.En is null) yield return new("triggers", "triggers needs a zh and an en list (either may be empty).");
        else if (d.Triggers.All.All(string.IsNullOrWhiteSpace) && d.EntityTriggers.Count == 0)
            yield return new("triggers", "Give at least one trigger phrase (triggers.zh or triggers.en) or an entity trigger.");
        for (var i = 0; i < d.EntityTriggers.Count; i++)
        {
            if (!EntityTriggerTypes.Contains(d.EntityTriggers[i]))
                yield return new($"entityTriggers[{i}]", $"Unknown entity type '{d.EntityTriggers[i]}'; use one of {string.Join(", ", EntityTriggerTypes)}.");
        }
        if (d.Slots is null || d.Slots.Count == 0) yield return new("slots", "A skill needs at least one slot.");
        var slots = d.Slots ?? [];
        for (var i = 0; i < slots.Count; i++)
        {
            var s = slots[i];
            var at = $"slots[{i}]";
            if (string.IsNullOrWhiteSpace(s.Name)) yield return new($"{at}.name", "A slot needs a name.");
            else if (slots.Take(i).Any(o => o.Name == s.Name)) yield return new($"{at}.name", $"Slot name '{s.Name}' is used twice.");
            if (!SlotTypes.All.Contains(s.Type)) yield return new($"{at}.type", $"Unknown slot type '{s.Type}'; use one of {string.Join(", ", SlotTypes.All)}.");
            if (s.Type == SlotTypes.Choice && s.Options.Count == 0) yield return new($"{at}.options", "A choice slot needs options.");
            for (var j = 0; j < s.Options.Count; j++)
            {
                if (string.IsNullOrWhiteSpace(s.Options[j].Value)) yield return new($"{at}.options[{j}].value", "An option needs a value.");
            }
            if (s.Pattern is { } p && !IsRegex(p, out var why)) yield return new($"{at}.pattern", $"Not a valid regular expression: {why}");
            foreach (var problem in Text(s.Prompt, $"{at}.prompt", "prompt")) yield return problem;
            foreach (var problem in Text(s.Reprompt, $"{at}.reprompt", "re-prompt")) yield return problem;
        }
        if (d.Confirm is not null) foreach (var problem in Text(d.Confirm, "confirm", "confirmation")) yield return problem;

        var a = d.Action;
        if (a is null) { yield return new("action", "An action is required."); yield break; }
        if (string.IsNullOrWhiteSpace(a.Connector)) yield return new("action.connector", "A connector is required.");
        else if (connectors is not null && !connectors.Contains(a.Connector))
            yield return new("action.connector", $"Unknown connector '{a.Connector}'; available: {string.Join(", ", connectors.Order(StringComparer.Ordinal))}.");
        if (!Methods.Contains(a.Method)) yield return new("action.method", $"Unknown method '{a.Method}'; use one of {string.Join(", ", Methods)}.");
        if (string.IsNullOrWhiteSpace(a.Path)) yield return new("action.path", "A path is required.");
        else if (Uri.TryCreate(a.Path, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
            yield return new("action.path", "The path is relative to the connector's base address, not a full URL.");
        var success = a.Success ?? [];
        if (success.Count == 0) yield return new("action.success", "Give at least one success reply.");
        for (var i = 0; i < success.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(success[i].Zh)) yield return new($"action.success[{i}].zh", "The Chinese reply is missing.");
            if (string.IsNullOrWhiteSpace(success[i].En)) yield return new($"action.success[{i}].en", "The English reply is missing.");
        }
        if (a.NotFound is { } nf && slots.All(s => s.Name != nf.Slot)) yield return new("action.notFound.slot", $"'{nf.Slot}' is not one of the slots.");
        if (a.Rejected is not null) foreach (var problem in Text(a.Rejected, "action.rejected", "rejection reply")) yield return problem;
    }

    private static IEnumerable<SkillDefinitionProblem> Text(Localized? text, string field, string what)
    {
        if (text is null) { yield return new(field, $"The {what} is missing (zh and en)."); yield break; }
        if (string.IsNullOrWhiteSpace(text.Zh)) yield return new($"{field}.zh", $"The Chinese {what} is missing.");
        if (string.IsNullOrWhiteSpace(text.En)) yield return new($"{field}.en", $"The English {what} is missing.");
    }

    private static bool IsRegex(string pattern, out string why)
    {
        try { _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(50)); why = ""; return true; }
        catch (ArgumentException ex) { why = ex.Message; return false; }
    }

    /// <summary>"$.slots[0]" + "missing required properties including: 'prompt'" → slots[0].prompt.</summary>
    private static SkillDefinitionProblem FromJsonError(JsonException ex)
    {
        var path = (ex.Path ?? "$").TrimStart('$').TrimStart('.');
        var missing = MissingProperty().Match(ex.Message);
        if (missing.Success)
        {
            var names = missing.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(n => JsonNamingPolicy.CamelCase.ConvertName(n.Trim('\''))).ToList();
            var field = string.Join(".", new[] { path, names.FirstOrDefault() ?? "" }.Where(p => p.Length > 0));
            return new(field.Length == 0 ? "definition" : field, $"Required: {string.Join(", ", names)}.");
        }
        var detail = ex.InnerException?.Message ?? ex.Message;
        if (detail.Contains("LineNumber", StringComparison.Ordinal)) detail = "the value has the wrong type or the JSON is malformed";
        return new(path.Length == 0 ? "definition" : path, $"Cannot read this value: {detail}");
    }

    /// <summary>YAML (block or flow style) → the equivalent JSON. Unquoted true/false/null and numbers keep their type.</summary>
    public static string YamlToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count == 0) return "null";
        return Convert(stream.Documents[0].RootNode)?.ToJsonString() ?? "null";
    }

    private static JsonNode? Convert(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (key, value) in map.Children) obj[((YamlScalarNode)key).Value ?? ""] = Convert(value);
                return obj;
            case YamlSequenceNode seq:
                var array = new JsonArray();
                foreach (var item in seq.Children) array.Add(Convert(item));
                return array;
            case YamlScalarNode scalar:
                var text = scalar.Value ?? "";
                if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any)) return JsonValue.Create(text);
                if (text is "" or "~" or "null" or "Null" or "NULL") return null;
                if (text is "true" or "True" or "TRUE") return JsonValue.Create(true);
                if (text is "false" or "False" or "FALSE") return JsonValue.Create(false);
                if (IntegerPattern().IsMatch(text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return JsonValue.Create(n);
                return JsonValue.Create(text);
            default:
                throw new YamlException(node.Start, node.End, "Aliases and tags are not supported in skill definitions.");
        }
    }

    [GeneratedRegex("^[a-z0-9_-]{1,64}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^-?[0-9]{1,15}$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"missing required properties[^:]*:\s*(.+?)\.?$", RegexOptions.IgnoreCase)]
    private static partial Regex MissingProperty();
}
