using System.Globalization;
using System.Text.Json.Serialization;
using Concierge.Features.Agents;
using Concierge.Platform.Data;
using Concierge.Platform.Events;
using Concierge.Platform.Realtime;
using Concierge.Platform.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;

namespace Concierge.Platform.Hosting;

/// <summary>Plumbing shared by every feature: options, database, events, live feed, security, errors, OpenAPI.</summary>
public static class PlatformModule
{
    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en")];

    public static IServiceCollection AddPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConciergeOptions>().Bind(configuration.GetSection(ConciergeOptions.Section))
            .Validate(o => o.MaxMessageLength is > 0 and <= 100_000, "Concierge:MaxMessageLength must be between 1 and 100000.")
            .Validate(o => o.Database.Provider is "sqlite" or "postgres" or "postgresql" or "npgsql",
                "Concierge:Database:Provider must be 'sqlite' or 'postgres'.")
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddData();
        services.AddScoped<EventDispatcher>();
        services.AddSingleton<ILiveFeed, InProcessLiveFeed>();
        services.AddSingleton<WriteLocks>();
        services.AddSingleton<VisitorTokens>();
        services.AddScoped<Access>();
        services.AddSingleton<Texts>();
        services.AddMemoryCache();
        services.AddHttpClient();

        // Keys live in the data folder so sign-in cookies survive a restart. Resolved lazily: the data folder is an option.
        services.AddDataProtection().SetApplicationName("Concierge");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            o.XmlRepository = new FileSystemXmlRepository(
                new DirectoryInfo(Path.Combine(DataFolder.Resolve(sp.GetRequiredService<IOptions<ConciergeOptions>>().Value), "keys")),
                sp.GetRequiredService<ILoggerFactory>())));

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = "concierge";
                o.DefaultChallengeScheme = "concierge";
                o.DefaultForbidScheme = "concierge";
            })
            .AddPolicyScheme("concierge", "Cookie or bearer", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? BearerAuthentication.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, BearerAuthentication>(BearerAuthentication.SchemeName, null)
            .AddIdentityCookies();
        services.AddIdentityCore<Agent>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Lockout.MaxFailedAccessAttempts = 10;
            })
            .AddEntityFrameworkStores<ConciergeDb>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<AgentClaims>();
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "concierge.auth";
            o.LoginPath = "/login";
            o.AccessDeniedPath = "/login";
            o.ExpireTimeSpan = TimeSpan.FromDays(7);
            o.SlidingExpiration = true;
            // APIs answer 401/403 with ProblemDetails; only pages redirect to the sign-in page.
            o.Events.OnRedirectToLogin = c => IsApi(c.Request)
                ? BearerAuthentication.WriteProblem(c.Response, 401, "Unauthorized", "Sign in, or send an API token as 'Authorization: Bearer <token>'.")
                : Redirect(c);
            o.Events.OnRedirectToAccessDenied = c => IsApi(c.Request)
                ? BearerAuthentication.WriteProblem(c.Response, 403, "Forbidden", "Your role does not allow this.")
                : Redirect(c);
        });
        services.AddConciergeAuthorization();
        services.AddCascadingAuthenticationState();

        services.AddProblemDetails();
        services.AddExceptionHandler<ErrorHandling>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
        });
        services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Concierge API";
            doc.Info.Description = "Customer messaging (inbox API key) and agent/admin REST API (personal API token), both as 'Authorization: Bearer <key>'.";
            return Task.CompletedTask;
        }));
        services.AddCors(o => o.AddPolicy(Features.Channels.Web.WidgetEndpoints.WidgetCors, p =>
            p.AllowAnyOrigin().AllowAnyMethod().WithHeaders("Content-Type", Features.Channels.Web.WidgetEndpoints.TokenHeader)));
        services.AddRequestLocalization(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = o.SupportedUICultures = Cultures;
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return services;
    }

    public static WebApplication UsePlatform(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestLocalization();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(20) });
        app.UseStaticFiles();
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapGet("/health/live", () => "ok").AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/health", async (ConciergeDb db, IOptions<ConciergeOptions> options, CancellationToken ct) =>
        {
            var ok = await db.Database.CanConnectAsync(ct);
            var body = new { status = ok ? "ok" : "unavailable", database = options.Value.Database.Provider, version = typeof(PlatformModule).Assembly.GetName().Version?.ToString() };
            return ok ? Results.Ok(body) : Results.Json(body, statusCode: 503);
        }).AllowAnonymous().WithTags("Operations");
        return app;
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    private static Task Redirect(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> c)
    {
        c.Response.Redirect(c.RedirectUri);
        return Task.CompletedTask;
    }
}

/// <summary>Adds the agent's role and display name to the sign-in cookie.</summary>
internal sealed class AgentClaims(UserManager<Agent> users, IOptions<IdentityOptions> options) : UserClaimsPrincipalFactory<Agent>(users, options)
{
    protected override async Task<System.Security.Claims.ClaimsIdentity> GenerateClaimsAsync(Agent user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new(System.Security.Claims.ClaimTypes.Role, user.Role));
        identity.AddClaim(new("display_name", user.DisplayName));
        return identity;
    }
}
