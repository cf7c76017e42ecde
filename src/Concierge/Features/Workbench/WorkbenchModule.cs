namespace Concierge.Features.Workbench;

public static class WorkbenchModule
{
    /// <summary>The agent's assistance: summary, emotion, soothing and canned replies, notes and mentions.</summary>
    public static IServiceCollection AddWorkbench(this IServiceCollection services)
    {
        services.AddScoped<ManageCannedResponses>();
        services.AddScoped<AddNote>();
        services.AddScoped<ListMentions>();
        services.AddScoped<GetAssist>();
        services.AddMemoryCache();
        return services;
    }

    public static IEndpointRouteBuilder MapWorkbench(this IEndpointRouteBuilder app)
    {
        WorkbenchEndpoints.Map(app);
        return app;
    }
}
