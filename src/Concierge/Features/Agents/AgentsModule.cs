namespace Concierge.Features.Agents;

public static class AgentsModule
{
    public static IServiceCollection AddAgents(this IServiceCollection services)
    {
        services.AddScoped<ManageAgents>();
        services.AddScoped<ManageApiTokens>();
        return services;
    }

    public static IEndpointRouteBuilder MapAgents(this IEndpointRouteBuilder app)
    {
        AccountEndpoints.Map(app);
        AgentEndpoints.Map(app);
        return app;
    }
}
