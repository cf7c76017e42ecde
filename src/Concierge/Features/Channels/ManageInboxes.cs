using System.Security.Claims;
using Concierge.Features.Agents;
using Concierge.Platform.Data;
using Concierge.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Concierge.Features.Channels;

public sealed record InboxView(Guid Id, string Name, string Channel, string? ApiKeyHint, string? WebhookUrl, bool BotEnabled,
    string Greeting, string WidgetColor, string? IdentitySecret, IReadOnlyList<Guid> MemberIds, DateTimeOffset CreatedAt,
    string VipGreeting = "", bool VipSkipsBot = false);

/// <summary>An inbox as created or re-keyed: the API key is shown this once and stored only hashed.</summary>
public sealed record InboxWithKey(InboxView Inbox, string? ApiKey, string? WebhookSecret);

/// <summary>Inboxes the actor can see (admins: all, with secrets).</summary>
public sealed class ListInboxes(ConciergeDb db, Access access)
{
    public async Task<IReadOnlyList<InboxView>> Handle(ClaimsPrincipal actor, CancellationToken ct)
    {
        var visible = await access.VisibleInboxes(actor, ct);
        var inboxes = await db.Inboxes.AsNoTracking().Where(i => !i.IsArchived)
            .Where(i => visible == null || visible.Contains(i.Id)).OrderBy(i => i.CreatedAt).ToListAsync(ct);
        var members = await db.InboxMembers.AsNoTracking().ToListAsync(ct);
        var admin = Access.IsAdmin(actor);
        return inboxes.Select(i => View(i, members.Where(m => m.InboxId == i.Id).Select(m => m.AgentId).ToList(), admin)).ToList();
    }

    internal static InboxView View(Inbox i, IReadOnlyList<Guid> members, bool withSecrets) => new(i.Id, i.Name, i.Channel, i.ApiKeyHint,
        i.WebhookUrl, i.BotEnabled, i.Greeting, i.WidgetColor, withSecrets ? i.IdentitySecret : null, members, i.CreatedAt, i.VipGreeting, i.VipSkipsBot);
}

/// <summary>Admin: create, change, re-key, staff and archive inboxes.</summary>
public sealed class ManageInboxes(ConciergeDb db, ChannelAdapters adapters, IMemoryCache cache, TimeProvider clock)
{
    public sealed record CreateCommand(string? Name, string? Channel, string? Greeting, bool? BotEnabled, string? WebhookUrl, IReadOnlyList<Guid>? MemberIds);
    public sealed record UpdateCommand(string? Name, string? Greeting, string? WidgetColor, bool? BotEnabled, string? WebhookUrl,
        string? VipGreeting = null, bool? VipSkipsBot = null);

    public async Task<Result<InboxWithKey>> Create(CreateCommand command, ClaimsPrincipal actor, CancellationToken ct)
    {
        if (!Access.IsAdmin(actor)) return Result<InboxWithKey>.From(Result.Forbidden("Only admins manage inboxes."));
        if (string.IsNullOrWhiteSpace(command.Name) || command.Name.Length > 200)
            return Result<InboxWithKey>.From(Result.Invalid("name", "The name is required (at most 200 characters)."));
        if (string.IsNullOrWhiteSpace(command.Channel) || adapters.Find(command.Channel) is null)
            return Result<InboxWithKey>.From(Result.Invalid("channel", $"The channel must be one of: {string.Join(", ", adapters.All.Select(a => a.Kind))}."));
        if (ValidateWebhook(command.WebhookUrl) is { } bad) return Result<InboxWithKey>.From(bad);

        var inbox = Inbox.Create(command.Name, adapters.Find(command.Channel)!.Kind, clock.GetUtcNow());
        inbox.Configure(command.Greeting, null, command.BotEnabled);
        string? key = null, webhookSecret = null;
        if (inbox.Channel == Api.AppApiAdapter.KindName)
        {
            key = "ck_" + Secrets.NewToken(24);
            inbox.SetApiKey(Secrets.Hash(key), Secrets.Hint(key));
        }
        if (!string.IsNullOrWhiteSpace(command.WebhookUrl))
        {
            webhookSecret = "whsec_" + Secrets.NewToken(24);
            inbox.SetWebhook(command.WebhookUrl, webhookSecret);
        }
        db.Inboxes.Add(inbox);
        var members = await ValidMembers(command.MemberIds, ct);
        foreach (var agentId in members) db.InboxMembers.Add(new InboxMember { InboxId = inbox.Id, AgentId = agentId });
        await db.SaveChangesAsync(ct);
        return Result<InboxWithKey>.Ok(new InboxWithKey(ListInboxes.View(inbox, members, true), key, webhookSecret));
    }

    public async Task<Result<InboxWithKey>> Update(Guid id, UpdateCommand command, ClaimsPrincipal actor, CancellationToken ct)
    {
        if (!Access.IsAdmin(actor)) return Result<InboxWithKey>.From(Result.Forbidden("Only admins manage inboxes."));
        var inbox = await db.Inboxes.FirstOrDefaultAsync(i => i.Id == id && !i.IsArchived, ct);
        if (inbox is null) return Result<InboxWithKey>.From(Result.NotFound("Inbox not found."));
        if (command.Name is not null && (command.Name.Trim().Length == 0 || command.Name.Length > 200))
            return Result<InboxWithKey>.From(Result.Invalid("name", "The name cannot be empty (at most 200 characters)."));
        if (command.WidgetColor is not null && !System.Text.RegularExpressions.Regex.IsMatch(command.WidgetColor, "^#[0-9a-fA-F]{6}$"))
            return Result<InboxWithKey>.From(Result.Invalid("widgetColor", "The colour must look like #2563eb."));
        if (ValidateWebhook(command.WebhookUrl) is { } bad) return Result<InboxWithKey>.From(bad);

        if (command.Name is not null) inbox.Rename(command.Name);
        inbox.Configure(command.Greeting, command.WidgetColor, command.BotEnabled);
        inbox.ConfigureVip(command.VipGreeting, command.VipSkipsBot);
        string? webhookSecret = null;
        if (command.WebhookUrl is not null && command.WebhookUrl.Trim() != (inbox.WebhookUrl ?? ""))
        {
            webhookSecret = string.IsNullOrWhiteSpace(command.WebhookUrl) ? null : inbox.WebhookSecret ?? "whsec_" + Secrets.NewToken(24);
            inbox.SetWebhook(command.WebhookUrl, webhookSecret);
        }
        await db.SaveChangesAsync(ct);
        return Result<InboxWithKey>.Ok(new InboxWithKey(await View(inbox, ct), null, webhookSecret));
    }

    /// <summary>A new API key; the old one stops working at once.</summary>
    public async Task<Result<InboxWithKey>> RotateKey(Guid id, ClaimsPrincipal actor, CancellationToken ct)
    {
        if (!Access.IsAdmin(actor)) return Result<InboxWithKey>.From(Result.Forbidden("Only admins manage inboxes."));
        var inbox = await db.Inboxes.FirstOrDefaultAsync(i => i.Id == id && !i.IsArchived, ct);
        if (inbox is null) return Result<InboxWithKey>.From(Result.NotFound("Inbox not found."));
        if (inbox.Channel != Api.AppApiAdapter.KindName)
            return Result<InboxWithKey>.From(Result.Invalid("channel", "Only app (API) inboxes have API keys."));
        if (inbox.ApiKeyHash is { } old) Platform.Security.BearerAuthentication.Invalidate(cache, old);
        var key = "ck_" + Secrets.NewToken(24);
        inbox.SetApiKey(Secrets.Hash(key), Secrets.Hint(key));
        await db.SaveChangesAsync(ct);
        return Result<InboxWithKey>.Ok(new InboxWithKey(await View(inbox, ct), key, null));
    }

    public async Task<Result> SetMembers(Guid id, IReadOnlyList<Guid>? agentIds, ClaimsPrincipal actor, CancellationToken ct)
    {
        if (!Access.IsAdmin(actor)) return Result.Forbidden("Only admins manage inboxes.");
        if (!await db.Inboxes.AnyAsync(i => i.Id == id && !i.IsArchived, ct)) return Result.NotFound("Inbox not found.");
        var wanted = await ValidMembers(agentIds, ct);
        if (agentIds is not null && wanted.Count != agentIds.Distinct().Count())
            return Result.Invalid("agentIds", "Some agent ids do not exist.");
        var current = await db.InboxMembers.Where(m => m.InboxId == id).ToListAsync(ct);
        db.InboxMembers.RemoveRange(current.Where(m => !wanted.Contains(m.AgentId)));
        foreach (var agentId in wanted.Where(a => current.All(m => m.AgentId != a)))
            db.InboxMembers.Add(new InboxMember { InboxId = id, AgentId = agentId });
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<Result> Archive(Guid id, ClaimsPrincipal actor, CancellationToken ct)
    {
        if (!Access.IsAdmin(actor)) return Result.Forbidden("Only admins manage inboxes.");
        var inbox = await db.Inboxes.FirstOrDefaultAsync(i => i.Id == id && !i.IsArchived, ct);
        if (inbox is null) return Result.NotFound("Inbox not found.");
        if (inbox.ApiKeyHash is { } hash) Platform.Security.BearerAuthentication.Invalidate(cache, hash);
        inbox.Archive();
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    private async Task<InboxView> View(Inbox inbox, CancellationToken ct) => ListInboxes.View(inbox,
        await db.InboxMembers.Where(m => m.InboxId == inbox.Id).Select(m => m.AgentId).ToListAsync(ct), true);

    private async Task<List<Guid>> ValidMembers(IReadOnlyList<Guid>? ids, CancellationToken ct)
    {
        if (ids is null || ids.Count == 0) return [];
        var distinct = ids.Distinct().ToList();
        return await db.Set<Agent>().Where(a => distinct.Contains(a.Id)).Select(a => a.Id).ToListAsync(ct);
    }

    private static Result? ValidateWebhook(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return null;
        return Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? null
            : Result.Invalid("webhookUrl", "The webhook URL must be an absolute http(s) URL.");
    }
}
