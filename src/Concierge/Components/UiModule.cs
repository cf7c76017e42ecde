namespace Concierge.Components;

public static class UiModule
{
    public static IServiceCollection AddUi(this IServiceCollection services)
    {
        services.AddRazorComponents();
        return services;
    }

    public static IEndpointRouteBuilder MapUi(this IEndpointRouteBuilder app)
    {
        app.MapRazorComponents<App>();
        Features.Conversations.AgentLiveSocket.Map(app);
        Features.Channels.Web.DemoPage.Map(app);
        return app;
    }
}
