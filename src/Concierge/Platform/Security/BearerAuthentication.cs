using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using Concierge.Platform.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Concierge.Platform.Security;

/// <summary>
/// "Authorization: Bearer &lt;key&gt;" for machines: either an inbox API key (the app channel; the principal carries the inbox
/// id) or a personal API token (the principal is the agent who owns it, with their role). Both are stored as SHA-256 only.
/// </summary>
public sealed class BearerAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IServiceScopeFactory scopes, IMemoryCache cache, TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var key = header["Bearer ".Length..].Trim();
        if (key.Length is 0 or > 200) return AuthenticateResult.Fail("The API key is malformed.");

        var hash = Secrets.Hash(key);
        if (!cache.TryGetValue(CacheKey(hash), out ClaimsPrincipal? principal))
        {
            principal = await Lookup(hash);
            cache.Set(CacheKey(hash), principal, CacheFor);
        }
        return principal is null
            ? AuthenticateResult.Fail("The API key or token is not valid.")
            : AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <summary>Forget a key at once (revoked, rotated, agent deactivated).</summary>
    public static void Invalidate(IMemoryCache cache, string hash) => cache.Remove(CacheKey(hash));
    private static string CacheKey(string hash) => "bearer:" + hash;

    private async Task<ClaimsPrincipal?> Lookup(string hash)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ConciergeDb>();
        var inbox = await db.Inboxes.AsNoTracking().Where(i => i.ApiKeyHash == hash && !i.IsArchived)
            .Select(i => new { i.Id, i.Name }).FirstOrDefaultAsync();
        if (inbox is not null)
        {
            return new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(Access.InboxIdClaim, inbox.Id.ToString()),
                new Claim(ClaimTypes.Name, inbox.Name),
                new Claim(Access.AuthMethodClaim, "inbox-key"),
            ], SchemeName));
        }

        var token = await (from t in db.ApiTokens
                           join a in db.Agents on t.AgentId equals a.Id
                           where t.TokenHash == hash && t.RevokedAt == null && a.IsActive
                           select new { TokenId = t.Id, AgentId = a.Id, a.DisplayName, a.Role }).FirstOrDefaultAsync();
        if (token is null) return null;
        using (await db.EnterWrite(default))
            await db.ApiTokens.Where(t => t.Id == token.TokenId).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, clock.GetUtcNow()));
        return new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, token.AgentId.ToString()),
            new Claim(ClaimTypes.Name, token.DisplayName),
            new Claim(ClaimTypes.Role, token.Role),
            new Claim(Access.AuthMethodClaim, "api-token"),
        ], SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        await WriteProblem(Response, 401, "Unauthorized", failure ?? "Send an API key or token as 'Authorization: Bearer <key>'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblem(Response, 403, "Forbidden", "This key or token is not allowed to do this.");

    internal static Task WriteProblem(HttpResponse response, int status, string title, string detail)
    {
        response.StatusCode = status;
        response.ContentType = "application/problem+json";
        return response.WriteAsync(JsonSerializer.Serialize(new { type = $"https://httpstatuses.io/{status}", title, status, detail }));
    }
}
