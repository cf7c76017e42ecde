using Concierge.Features.Routing.Engine;
using Microsoft.Extensions.Options;

namespace Concierge.Features.Routing;

/// <summary>
/// Rebuilds routing from the database at start, then every few seconds: relaxes skill requirements of long waits, sets
/// presence by inactivity, and refreshes waiting customers' estimates.
/// </summary>
internal sealed class RoutingHost(RoutingDesk desk, PresenceTracker tracker, IServiceScopeFactory scopes, IOptions<RoutingOptions> options,
    ILogger<RoutingHost> log) : BackgroundService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the router has been rebuilt from the database.</summary>
    public Task Ready => _ready.Task;

    public override async Task StartAsync(CancellationToken ct)
    {
        // Rebuilt before the server takes requests, so no hand-off can race the rebuild.
        await desk.Rebuild(ct);
        foreach (var a in desk.Router.Snapshot().Agents.Where(a => a.Presence != Presence.Offline)) tracker.AssumeLeft(a.AgentId);
        _ready.TrySetResult();
        await base.StartAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(o.TickSeconds));
        var lastEstimates = DateTimeOffset.MinValue;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await desk.Apply(desk.Router.Tick(), stoppingToken);

                var snapshot = desk.Router.Snapshot();
                var presence = snapshot.Agents.ToDictionary(a => a.AgentId, a => a.Presence);
                var (offline, away) = tracker.Due(TimeSpan.FromSeconds(o.OfflineAfterSeconds), TimeSpan.FromSeconds(o.AwayAfterSeconds),
                    id => presence.TryGetValue(id, out var p) ? p : null);
                if (offline.Count + away.Count > 0)
                {
                    using var scope = scopes.CreateScope();
                    var change = scope.ServiceProvider.GetRequiredService<ChangePresence>();
                    foreach (var id in offline) await change.Set(id, Presence.Offline, stoppingToken);
                    foreach (var id in away) await change.Set(id, Presence.Away, stoppingToken);
                }

                // Estimates drift as time passes even when nothing happens; refresh them now and then.
                if (DateTimeOffset.UtcNow - lastEstimates > TimeSpan.FromSeconds(30))
                {
                    lastEstimates = DateTimeOffset.UtcNow;
                    foreach (var inbox in snapshot.Waiting.Select(w => w.InboxId).Distinct()) desk.PublishQueue(inbox);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Routing tick failed");
            }
        }
    }
}
