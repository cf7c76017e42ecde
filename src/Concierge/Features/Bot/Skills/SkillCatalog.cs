using Concierge.Features.Bot.Skills.Connectors;
using Concierge.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Features.Bot.Skills;

/// <summary>
/// The skill definitions the bot runs: the built-in ones, overridden, switched off or extended by the ones stored in
/// <c>skill_definitions</c>. Reads are lock-free on an immutable snapshot. A change saved on this node reloads at once
/// (<see cref="Reload"/>); other nodes notice within <see cref="PollInterval"/>. Until the first load it serves the built-ins.
/// </summary>
internal sealed class SkillCatalog(BuiltInSkillDefinitions builtIn, IServiceScopeFactory scopes, IEnumerable<ISkillConnector> connectors,
    TimeProvider clock, ILogger<SkillCatalog> log) : BackgroundService, ISkillDefinitionProvider
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    private sealed record Snapshot(IReadOnlyList<SkillDefinition> All, IReadOnlyList<IBotSkill> Skills, string Fingerprint);

    private readonly SemaphoreSlim _loading = new(1, 1);
    private Snapshot? _current;
    private Snapshot? _builtInOnly;

    private Snapshot Current => Volatile.Read(ref _current) ?? (_builtInOnly ??= Build(builtIn.All, "-"));

    public IReadOnlyList<SkillDefinition> All => Current.All;
    public SkillDefinition? Find(string name) => Current.All.FirstOrDefault(d => d.Name == name);

    /// <summary>One slot-filling skill per definition, rebuilt only when the definitions change.</summary>
    public IReadOnlyList<IBotSkill> Skills => Current.Skills;

    public BuiltInSkillDefinitions BuiltIn => builtIn;

    /// <summary>Re-read the stored definitions now (after a change on this node).</summary>
    public async Task Reload(CancellationToken ct)
    {
        await _loading.WaitAsync(ct);
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ConciergeDb>();
            var stored = await db.Set<StoredSkillDefinition>().AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
            var fingerprint = string.Join("|", stored.Select(s => $"{s.Name}:{s.UpdatedAt.UtcTicks}:{s.IsEnabled}"));
            if (_current is { } current && current.Fingerprint == fingerprint) return;
            Volatile.Write(ref _current, Build(Merge(stored), fingerprint));
            log.LogInformation("Skill definitions loaded: {Skills}", string.Join(", ", _current!.All.Select(d => d.Name)));
        }
        finally { _loading.Release(); }
    }

    /// <summary>Built-ins in their order (replaced or removed by a stored one of the same name), then the new skills by name.</summary>
    private List<SkillDefinition> Merge(IReadOnlyList<StoredSkillDefinition> stored)
    {
        var byName = new Dictionary<string, SkillDefinition?>();
        foreach (var row in stored)
        {
            if (!row.IsEnabled) { byName[row.Name] = null; continue; }
            var (definition, problems) = SkillDefinitionText.Parse(row.Json);
            if (definition is null || definition.Name != row.Name)
            {
                // Saved definitions are validated; one that no longer is (an older version's rules) must not stop the bot.
                log.LogWarning("Stored skill definition {Name} is ignored: {Problems}", row.Name, string.Join("; ", problems));
                continue;
            }
            byName[row.Name] = definition;
        }
        var merged = new List<SkillDefinition>();
        foreach (var d in builtIn.All)
        {
            if (!byName.TryGetValue(d.Name, out var over)) merged.Add(d);
            else if (over is not null) merged.Add(over);
        }
        merged.AddRange(byName.Where(kv => kv.Value is not null && builtIn.Find(kv.Key) is null).Select(kv => kv.Value!));
        return merged;
    }

    private Snapshot Build(IReadOnlyList<SkillDefinition> all, string fingerprint) =>
        new(all, all.Select(d => (IBotSkill)new SlotFillingSkill(d.Name, this, connectors, clock)).ToList(), fingerprint);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PollInterval);
        do
        {
            try { await Reload(stoppingToken); }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning(ex, "Reading the stored skill definitions failed; keeping the current ones");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
