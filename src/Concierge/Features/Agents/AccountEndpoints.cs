using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Concierge.Features.Agents;

/// <summary>Cookie sign-in / sign-out for the agent UI (form posts from the static sign-in page) and the language switch.</summary>
internal static class AccountEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();
        account.MapPost("/login", Login).AllowAnonymous();
        account.MapPost("/logout", async (SignInManager<Agent> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/login");
        }).RequireAuthorization();
        app.MapGet("/culture", (HttpContext http, string c, string? redirect) =>
        {
            var culture = c.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "zh-CN";
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax });
            return Results.LocalRedirect(redirect is { Length: > 0 } r && r.StartsWith('/') && !r.StartsWith("//") ? r : "/");
        }).AllowAnonymous().ExcludeFromDescription();
    }

    private static async Task<IResult> Login([FromForm] string? email, [FromForm] string? password, [FromForm] string? returnUrl,
        SignInManager<Agent> signIn, UserManager<Agent> users)
    {
        var back = returnUrl is { Length: > 0 } r && r.StartsWith('/') && !r.StartsWith("//") ? r : "/inbox";
        var agent = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        var again = $"&email={Uri.EscapeDataString(email?.Trim() ?? "")}&returnUrl={Uri.EscapeDataString(back)}";
        if (agent is null || !agent.IsActive || string.IsNullOrEmpty(password)) return Results.LocalRedirect("/login?error=1" + again);
        var result = await signIn.PasswordSignInAsync(agent, password, isPersistent: true, lockoutOnFailure: true);
        if (result.IsLockedOut) return Results.LocalRedirect("/login?error=locked" + again);
        return result.Succeeded ? Results.LocalRedirect(back) : Results.LocalRedirect("/login?error=1" + again);
    }
}
