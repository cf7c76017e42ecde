using System.Security.Claims;
using Concierge.Platform.Data;
using Concierge.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Concierge.Features.Agents;

public sealed record ApiTokenView(Guid Id, Guid AgentId, string Name, string Hint, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, bool Revoked);
public sealed record CreatedApiToken(ApiTokenView Token, string Secret);

/// <summary>Personal API tokens for integrations. A token acts as its owner with the owner's role; admins see and revoke all.</summary>
public sealed class ManageApiTokens(ConciergeDb db, IMemoryCache cache, TimeProvider clock)
{
    public async Task<Result<IReadOnlyList<ApiTokenView>>> List(ClaimsPrincipal actor, CancellationToken ct)
    {
        if (Access.AgentId(actor) is not { } me) return Result<IReadOnlyList<ApiTokenView>>.From(Result.Forbidden());
        var admin = Access.IsAdmin(actor);
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => admin || t.AgentId == me).OrderByDescending(t => t.CreatedAt).ToListAsync(ct);
        return Result<IReadOnlyList<ApiTokenView>>.Ok(tokens.Select(View).ToList());
    }

    public async Task<Result<CreatedApiToken>> Create(string? name, ClaimsPrincipal actor, CancellationToken ct)
    {
        if (Access.AgentId(actor) is not { } me) return Result<CreatedApiToken>.From(Result.Forbidden());
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200) return Result<CreatedApiToken>.From(Result.Invalid("name", "A name is required (at most 200 characters)."));
        var secret = "cat_" + Secrets.NewToken(32);
        var token = new ApiToken
        {
            Id = Guid.CreateVersion7(), AgentId = me, Name = name.Trim(), TokenHash = Secrets.Hash(secret), Hint = Secrets.Hint(secret),
            CreatedAt = clock.GetUtcNow(),
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return Result<CreatedApiToken>.Ok(new CreatedApiToken(View(token), secret));
    }

    public async Task<Result> Revoke(Guid id, ClaimsPrincipal actor, CancellationToken ct)
    {
        if (Access.AgentId(actor) is not { } me) return Result.Forbidden();
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (token is null || (token.AgentId != me && !Access.IsAdmin(actor))) return Result.NotFound("Token not found.");
        token.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        BearerAuthentication.Invalidate(cache, token.TokenHash);
        return Result.Ok();
    }

    private static ApiTokenView View(ApiToken t) => new(t.Id, t.AgentId, t.Name, t.Hint, t.CreatedAt, t.LastUsedAt, t.RevokedAt is not null);
}
