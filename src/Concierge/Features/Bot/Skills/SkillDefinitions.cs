using System.Text.Json;

namespace Concierge.Features.Bot.Skills;

/// <summary>
/// Where skill definitions come from. The built-in ones ship inside the application; a later admin UI can store
/// definitions in the database and offer them through another implementation without touching the dialogue engine.
/// </summary>
public interface ISkillDefinitionProvider
{
    /// <summary>All definitions, in the order their triggers are tried.</summary>
    IReadOnlyList<SkillDefinition> All { get; }
    SkillDefinition? Find(string name);
}

/// <summary>The definitions in Features/Bot/Skills/Definitions/*.json, read once.</summary>
internal sealed class BuiltInSkillDefinitions : ISkillDefinitionProvider
{
    private const string ResourcePrefix = "Concierge.Features.Bot.Skills.Definitions.";
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };

    public IReadOnlyList<SkillDefinition> All { get; } = Load();

    public SkillDefinition? Find(string name) => All.FirstOrDefault(d => d.Name == name);

    public static IReadOnlyList<SkillDefinition> Load()
    {
        var assembly = typeof(BuiltInSkillDefinitions).Assembly;
        var texts = assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return (n, reader.ReadToEnd());
            }).ToList();
        if (texts.Count == 0)
        {
            // Until the project embeds the folder, the Web SDK copies the JSON beside the assembly; read it from there.
            var folder = Path.Combine(AppContext.BaseDirectory, "Features", "Bot", "Skills", "Definitions");
            if (Directory.Exists(folder))
                texts = Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).Select(f => (f, File.ReadAllText(f))).ToList();
        }
        return texts.Select(t => Parse(t.Item2, t.Item1)).ToList();
    }

    /// <summary>Reads and validates one definition; throws <see cref="InvalidOperationException"/> naming what is wrong.</summary>
    public static SkillDefinition Parse(string json, string source)
    {
        var definition = JsonSerializer.Deserialize<SkillDefinition>(json, s_json)
                         ?? throw new InvalidOperationException($"Skill definition {source} is empty.");
        var problems = Validate(definition).ToList();
        return problems.Count == 0 ? definition
            : throw new InvalidOperationException($"Skill definition {source} is invalid: {string.Join("; ", problems)}");
    }

    public static IEnumerable<string> Validate(SkillDefinition d) => SkillDefinitionText.Validate(d).Select(p => p.ToString());
}
