using System.Security.Claims;
using Concierge.Features.Channels;
using Concierge.Features.Routing.Engine;
using Concierge.Platform.Data;
using Concierge.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Features.Routing;

/// <summary>An inbox's routing rules, bot roll-out stage and business hours.</summary>
public sealed record InboxRoutingSettings(string Rollout, InboxRules Rules, BusinessHours? BusinessHours, Bot.BotThresholds? Bot = null);

/// <summary>Reads and changes an inbox's routing settings (admins change them); the router follows at once.</summary>
public sealed class ConfigureInboxRouting(ConciergeDb db, Access access, RoutingDesk desk)
{
    /// <param name="Bot">The inbox's own bot thresholds; an empty object goes back to the server-wide defaults.</param>
    public sealed record Command(string? Rollout, InboxRules? Rules, BusinessHours? BusinessHours, bool? AlwaysOpen, Bot.BotThresholds? Bot = null);

    public async Task<Result<InboxRoutingSettings>> Get(Guid inboxId, ClaimsPrincipal actor, CancellationToken ct)
    {
        var inbox = await db.Inboxes.AsNoTracking().FirstOrDefaultAsync(i => i.Id == inboxId, ct);
        if (inbox is null || !await access.CanSeeInbox(actor, inboxId, ct)) return Result<InboxRoutingSettings>.From(Result.NotFound("Inbox not found."));
        return Result<InboxRoutingSettings>.Ok(new InboxRoutingSettings(inbox.Rollout, inbox.RoutingRules, inbox.Hours, inbox.BotThresholds));
    }

    public async Task<Result<InboxRoutingSettings>> Handle(Guid inboxId, Command command, ClaimsPrincipal actor, CancellationToken ct)
    {
        if (!Access.IsAdmin(actor)) return Result<InboxRoutingSettings>.From(Result.Forbidden("Only admins change routing settings."));
        var inbox = await db.Inboxes.FirstOrDefaultAsync(i => i.Id == inboxId && !i.IsArchived, ct);
        if (inbox is null) return Result<InboxRoutingSettings>.From(Result.NotFound("Inbox not found."));
        if (command.Rollout is not null && !Rollouts.All.Contains(command.Rollout))
            return Result<InboxRoutingSettings>.From(Result.Invalid("rollout", "The roll-out stage is bot-first, bot-review or human-first."));
        if (command.Rules is { } r && (Bad(r.VipBoostSeconds) || Bad(r.NegativeBoostSeconds) || Bad(r.RelaxSkillsAfterSeconds)))
            return Result<InboxRoutingSettings>.From(Result.Invalid("rules", "Head starts and the relaxation time are seconds between 0 and 86400."));
        if (command.AlwaysOpen != true && command.BusinessHours is { } hours && hours.Validate() is { IsFailure: true } bad)
            return Result<InboxRoutingSettings>.From(bad);
        if (command.Bot is { } bot && bot.Validate() is { IsFailure: true } badBot) return Result<InboxRoutingSettings>.From(badBot);
        if (command.Bot is { } thresholds)
            inbox.SetBotThresholds(thresholds is { ClarifyMargin: null, AngerHandoff: null, FailuresBeforeHandoff: null, RiskKeywords: null or { Count: 0 } } ? null : thresholds);
        inbox.ConfigureRouting(command.Rollout, command.Rules, command.AlwaysOpen == true ? null : command.BusinessHours, clearHours: command.AlwaysOpen == true);
        await db.SaveChangesAsync(ct);
        desk.RefreshRules(inbox.Id, inbox.RoutingRules);
        return Result<InboxRoutingSettings>.Ok(new InboxRoutingSettings(inbox.Rollout, inbox.RoutingRules, inbox.Hours, inbox.BotThresholds));
    }

    private static bool Bad(int seconds) => seconds is < 0 or > 86400;
}
