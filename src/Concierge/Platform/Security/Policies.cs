using Concierge.Features.Agents;

namespace Concierge.Platform.Security;

public static class Policies
{
    /// <summary>A signed-in person (cookie) or an API token acting for one.</summary>
    public const string Agent = "agent";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";
    /// <summary>An inbox API key (the app channel).</summary>
    public const string InboxKey = "inbox-key";
    public const string AgentOrInboxKey = "agent-or-inbox-key";

    public static IServiceCollection AddConciergeAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Agent, p => p.RequireAuthenticatedUser().RequireRole(Roles.All))
            .AddPolicy(Supervisor, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin, Roles.Supervisor))
            .AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin))
            .AddPolicy(InboxKey, p => p.RequireAuthenticatedUser().RequireClaim(Access.InboxIdClaim))
            .AddPolicy(AgentOrInboxKey, p => p.RequireAuthenticatedUser().RequireAssertion(c =>
                c.User.HasClaim(x => x.Type == Access.InboxIdClaim) || Roles.All.Any(c.User.IsInRole)));
        return services;
    }
}
