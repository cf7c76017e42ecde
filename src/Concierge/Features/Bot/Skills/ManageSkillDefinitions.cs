using System.Security.Claims;
using Concierge.Features.Bot.Skills.Connectors;
using Concierge.Platform.Data;
using Concierge.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Features.Bot.Skills;

/// <param name="Source">built-in (as shipped), modified (a built-in overridden), custom (defined here).</param>
public sealed record SkillDefinitionSummary(string Name, string Source, bool IsEnabled, int Slots, int Triggers, string Connector,
    DateTimeOffset? UpdatedAt, string? UpdatedBy);

/// <param name="Json">The definition as the bot runs it (indented JSON), for the editor.</param>
public sealed record SkillDefinitionView(SkillDefinitionSummary Summary, string Json, bool HasBuiltIn);

/// <summary>Validation problems of a save, or the other failure (forbidden, not found) in <see cref="Failure"/>.</summary>
public sealed record SkillSaveOutcome(SkillDefinitionView? Saved, IReadOnlyList<SkillDefinitionProblem> Problems, Result? Failure)
{
    public bool Succeeded => Saved is not null;
}

/// <summary>
/// Skill definitions in the admin UI (admins only): list, read, create or change from JSON or YAML (validated field by
/// field; nothing is stored unless all of it is valid), switch off and on, reset to the built-in. Live for the bot when
/// the call returns.
/// </summary>
public sealed class ManageSkillDefinitions(ConciergeDb db, ISkillDefinitionProvider definitions, IEnumerable<ISkillConnector> connectors, TimeProvider clock)
{
    public sealed record SaveCommand(string? Definition);

    private SkillCatalog Catalog => (SkillCatalog)definitions;

    public async Task<Result<IReadOnlyList<SkillDefinitionSummary>>> List(ClaimsPrincipal actor, CancellationToken ct)
    {
        if (!Access.IsAdmin(actor)) return Result<IReadOnlyList<SkillDefinitionSummary>>.From(Forbidden);
        var stored = await db.Set<StoredSkillDefinition>().AsNoTracking().ToListAsync(ct);
        var names = Catalog.BuiltIn.All.Select(d => d.Name).Concat(stored.Select(s => s.Name).Order(StringComparer.Ordinal)).Distinct();
        var list = names.Select(n => View(n, stored.FirstOrDefault(s => s.Name == n))?.Summary).OfType<SkillDefinitionSummary>().ToList();
        return Result<IReadOnlyList<SkillDefinitionSummary>>.Ok(list);
    }

    public async Task<Result<SkillDefinitionView>> Get(string name, ClaimsPrincipal actor, CancellationToken ct)
    {
        if (!Access.IsAdmin(actor)) return Result<SkillDefinitionView>.From(Forbidden);
        var stored = await db.Set<StoredSkillDefinition>().AsNoTracking().FirstOrDefaultAsync(s => s.Name == name, ct);
        return View(name, stored) is { } view ? Result<SkillDefinitionView>.Ok(view) : Result<SkillDefinitionView>.From(Result.NotFound($"There is no skill '{name}'."));
    }

    /// <summary>Checks a definition without saving it (the editor's "check" and the first step of a save).</summary>
    public IReadOnlyList<SkillDefinitionProblem> Check(string? text) => SkillDefinitionText.Parse(text, ConnectorNames).Problems;

    /// <param name="name">The skill being edited (from the URL), or null to create; the definition's own name must match it.</param>
    public async Task<SkillSaveOutcome> Save(string? name, SaveCommand command, ClaimsPrincipal actor, CancellationToken ct)
    {
        if (!Access.IsAdmin(actor)) return new(null, [], Forbidden);
        var (definition, problems) = SkillDefinitionText.Parse(command.Definition, ConnectorNames);
        if (definition is null) return new(null, problems, null);
        if (name is not null && definition.Name != name)
            return new(null, [new("name", $"The definition is named '{definition.Name}' but you are editing '{name}'; create a new skill instead of renaming.")], null);

        var row = await db.Set<StoredSkillDefinition>().FirstOrDefaultAsync(s => s.Name == definition.Name, ct);
        if (name is null && (row is not null || Catalog.BuiltIn.Find(definition.Name) is not null))
            return new(null, [], Result.Conflict($"A skill named '{definition.Name}' exists; edit it instead."));
        if (row is null)
        {
            row = new StoredSkillDefinition { Id = Guid.CreateVersion7(clock.GetUtcNow()), Name = definition.Name };
            db.Add(row);
        }
        row.Json = SkillDefinitionText.ToJson(definition);
        Touch(row, actor);
        await db.SaveChangesAsync(ct);
        await Catalog.Reload(ct);
        return new(View(row.Name, row), [], null);
    }

    public async Task<Result<SkillDefinitionView>> SetEnabled(string name, bool enabled, ClaimsPrincipal actor, CancellationToken ct)
    {
        if (!Access.IsAdmin(actor)) return Result<SkillDefinitionView>.From(Forbidden);
        var row = await db.Set<StoredSkillDefinition>().FirstOrDefaultAsync(s => s.Name == name, ct);
        if (row is null)
        {
            // Switching a built-in off (or on) stores it as it ships, with the switch.
            if (Catalog.BuiltIn.Find(name) is not { } shipped) return Result<SkillDefinitionView>.From(Result.NotFound($"There is no skill '{name}'."));
            row = new StoredSkillDefinition { Id = Guid.CreateVersion7(clock.GetUtcNow()), Name = name, Json = SkillDefinitionText.ToJson(shipped) };
            db.Add(row);
        }
        row.IsEnabled = enabled;
        Touch(row, actor);
        await db.SaveChangesAsync(ct);
        await Catalog.Reload(ct);
        return Result<SkillDefinitionView>.Ok(View(name, row)!);
    }

    /// <summary>Drops the stored definition: a built-in runs as shipped again; a custom skill is deleted.</summary>
    public async Task<Result> Reset(string name, ClaimsPrincipal actor, CancellationToken ct)
    {
        if (!Access.IsAdmin(actor)) return Forbidden;
        var row = await db.Set<StoredSkillDefinition>().FirstOrDefaultAsync(s => s.Name == name, ct);
        if (row is null) return Result.NotFound(Catalog.BuiltIn.Find(name) is null ? $"There is no skill '{name}'." : $"'{name}' already runs as shipped.");
        db.Remove(row);
        await db.SaveChangesAsync(ct);
        await Catalog.Reload(ct);
        return Result.Ok();
    }

    private static readonly Result Forbidden = Result.Forbidden("Only admins edit bot skills.");

    private IReadOnlyCollection<string> ConnectorNames => connectors.Select(c => c.Name).ToHashSet();

    private void Touch(StoredSkillDefinition row, ClaimsPrincipal actor)
    {
        row.UpdatedAt = clock.GetUtcNow();
        row.UpdatedBy = actor.FindFirstValue(ClaimTypes.Name) ?? actor.FindFirstValue(ClaimTypes.Email) ?? "admin";
    }

    private SkillDefinitionView? View(string name, StoredSkillDefinition? row)
    {
        var shipped = Catalog.BuiltIn.Find(name);
        var definition = row is null ? shipped : SkillDefinitionText.Parse(row.Json).Definition;
        var json = row?.Json ?? (shipped is null ? null : SkillDefinitionText.ToJson(shipped));
        if (json is null) return null;
        var source = row is null ? "built-in" : shipped is null ? "custom" : "modified";
        var summary = new SkillDefinitionSummary(name, source, row?.IsEnabled ?? true, definition?.Slots.Count ?? 0,
            definition is null ? 0 : definition.Triggers.Zh.Count + definition.Triggers.En.Count, definition?.Action.Connector ?? "",
            row?.UpdatedAt, row?.UpdatedBy);
        return new(summary, json, shipped is not null);
    }
}
