using Concierge.Features.Conversations;
using Concierge.Features.Routing.Engine;
using Concierge.Platform.Events;

namespace Concierge.Features.Routing;

public static class RoutingModule
{
    /// <summary>Queues, presence and the in-memory router that gives waiting conversations to the right agent.</summary>
    public static IServiceCollection AddRouting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RoutingOptions>().Bind(configuration.GetSection(RoutingOptions.Section))
            .Validate(o => o.OfflineAfterSeconds >= 0 && o.AwayAfterSeconds > 0 && o.TickSeconds is >= 1 and <= 60,
                "Concierge:Routing: OfflineAfterSeconds ≥ 0, AwayAfterSeconds > 0, TickSeconds in [1, 60].")
            .ValidateOnStart();
        services.AddSingleton(sp => new Router(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<RoutingDesk>();
        services.AddSingleton<PresenceTracker>();
        services.AddSingleton<RoutingHost>();
        services.AddHostedService(sp => sp.GetRequiredService<RoutingHost>());
        services.AddScoped<ChangePresence>();
        services.AddScoped<TransferConversation>();
        services.AddScoped<LockForRisk>();
        services.AddScoped<GetRoutingDecisions>();
        services.AddScoped<GetSupervisorView>();
        services.AddScoped<ConfigureInboxRouting>();
        services.AddScoped<RouteConversations>();
        services.AddScoped<IEventHandler<HandoffRequested>>(sp => sp.GetRequiredService<RouteConversations>());
        services.AddScoped<IEventHandler<ConversationAssigned>>(sp => sp.GetRequiredService<RouteConversations>());
        services.AddScoped<IEventHandler<ConversationResolved>>(sp => sp.GetRequiredService<RouteConversations>());
        services.AddScoped<IEventHandler<ConversationUnassigned>>(sp => sp.GetRequiredService<RouteConversations>());
        services.AddScoped<IEventHandler<MessageReceived>>(sp => sp.GetRequiredService<RouteConversations>());
        return services;
    }

    public static IEndpointRouteBuilder MapRouting(this IEndpointRouteBuilder app)
    {
        RoutingEndpoints.Map(app);
        return app;
    }
}
