using System.Security.Claims;
using System.Text.RegularExpressions;
using Concierge.Platform.Data;
using Concierge.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Features.Workbench;

public sealed record CannedResponseView(Guid Id, string Shortcut, string Title, string Body, string Language, string Kind);

/// <summary>Saved replies: every agent lists and uses them; supervisors and admins write them.</summary>
public sealed partial class ManageCannedResponses(ConciergeDb db, TimeProvider clock)
{
    public sealed record Command(string? Shortcut, string? Title, string? Body, string? Language, string? Kind);

    public async Task<IReadOnlyList<CannedResponseView>> List(string? language, CancellationToken ct)
    {
        var query = db.Set<CannedResponse>().AsNoTracking();
        if (language is "zh" or "en") query = query.Where(c => c.Language == language || c.Language == "");
        return (await query.OrderBy(c => c.Shortcut).ToListAsync(ct)).Select(View).ToList();
    }

    public async Task<Result<CannedResponseView>> Create(Command command, ClaimsPrincipal actor, CancellationToken ct)
    {
        if (!Access.SeesAllInboxes(actor)) return Result<CannedResponseView>.From(Result.Forbidden("Only supervisors and admins manage canned responses."));
        var valid = Validate(command);
        if (valid.IsFailure) return Result<CannedResponseView>.From(valid);
        var shortcut = Shortcut(command.Shortcut!);
        var language = command.Language ?? "";
        if (await db.Set<CannedResponse>().AnyAsync(c => c.Shortcut == shortcut && c.Language == language, ct))
            return Result<CannedResponseView>.From(Result.Conflict($"The shortcut /{shortcut} already exists for this language."));
        var now = clock.GetUtcNow();
        var item = new CannedResponse
        {
            Id = Guid.CreateVersion7(now), Shortcut = shortcut, Title = command.Title!.Trim(), Body = command.Body!.Trim(),
            Language = language, Kind = command.Kind ?? CannedKinds.Reply, CreatedAt = now, UpdatedAt = now,
        };
        db.Add(item);
        await db.SaveChangesAsync(ct);
        return Result<CannedResponseView>.Ok(View(item));
    }

    public async Task<Result<CannedResponseView>> Update(Guid id, Command command, ClaimsPrincipal actor, CancellationToken ct)
    {
        if (!Access.SeesAllInboxes(actor)) return Result<CannedResponseView>.From(Result.Forbidden("Only supervisors and admins manage canned responses."));
        var item = await db.Set<CannedResponse>().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (item is null) return Result<CannedResponseView>.From(Result.NotFound("Canned response not found."));
        var merged = new Command(command.Shortcut ?? item.Shortcut, command.Title ?? item.Title, command.Body ?? item.Body,
            command.Language ?? item.Language, command.Kind ?? item.Kind);
        var valid = Validate(merged);
        if (valid.IsFailure) return Result<CannedResponseView>.From(valid);
        var shortcut = Shortcut(merged.Shortcut!);
        if (await db.Set<CannedResponse>().AnyAsync(c => c.Id != id && c.Shortcut == shortcut && c.Language == merged.Language, ct))
            return Result<CannedResponseView>.From(Result.Conflict($"The shortcut /{shortcut} already exists for this language."));
        item.Shortcut = shortcut;
        item.Title = merged.Title!.Trim();
        item.Body = merged.Body!.Trim();
        item.Language = merged.Language!;
        item.Kind = merged.Kind!;
        item.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return Result<CannedResponseView>.Ok(View(item));
    }

    public async Task<Result> Delete(Guid id, ClaimsPrincipal actor, CancellationToken ct)
    {
        if (!Access.SeesAllInboxes(actor)) return Result.Forbidden("Only supervisors and admins manage canned responses.");
        var item = await db.Set<CannedResponse>().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (item is null) return Result.NotFound("Canned response not found.");
        db.Remove(item);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    private static Result Validate(Command c)
    {
        if (string.IsNullOrWhiteSpace(c.Shortcut) || !ShortcutPattern().IsMatch(Shortcut(c.Shortcut)))
            return Result.Invalid("shortcut", "The shortcut is 1–40 letters, digits, '-' or '_' (e.g. refund, 退款).");
        if (string.IsNullOrWhiteSpace(c.Title) || c.Title.Length > 200) return Result.Invalid("title", "A title of at most 200 characters is required.");
        if (string.IsNullOrWhiteSpace(c.Body) || c.Body.Length > 4000) return Result.Invalid("body", "A text of at most 4000 characters is required.");
        if (c.Language is not (null or "" or "zh" or "en")) return Result.Invalid("language", "The language is zh, en or empty (any).");
        if (c.Kind is not null && !CannedKinds.All.Contains(c.Kind)) return Result.Invalid("kind", "The kind is reply or soothe.");
        return Result.Ok();
    }

    private static string Shortcut(string s) => s.Trim().TrimStart('/').ToLowerInvariant();

    private static CannedResponseView View(CannedResponse c) => new(c.Id, c.Shortcut, c.Title, c.Body, c.Language, c.Kind);

    [GeneratedRegex(@"^[\p{L}\p{N}_-]{1,40}$")]
    private static partial Regex ShortcutPattern();
}

/// <summary>Fills a canned response's variables from the conversation: {{customer.name}}, {{order.number}}, {{agent.name}}.</summary>
public static partial class CannedVariables
{
    public static string Fill(string body, string? customerName, string? orderNumber, string? agentName, string language) =>
        Variable().Replace(body, m => m.Groups[1].Value.ToLowerInvariant() switch
        {
            "customer.name" => string.IsNullOrWhiteSpace(customerName) ? (language == "en" ? "there" : "您好") : customerName,
            "order.number" => orderNumber ?? (language == "en" ? "your order" : "您的订单"),
            "agent.name" => agentName ?? "",
            _ => m.Value,
        });

    [GeneratedRegex(@"\{\{\s*([a-zA-Z.]+)\s*\}\}")]
    private static partial Regex Variable();
}
