using Concierge.Features.Bot.Skills.Connectors;
using Concierge.Features.Integrations.Orders;

namespace Concierge.Features.Bot.Skills;

/// <summary>Multi-turn skills (order status, after-sales) and the connectors they call.</summary>
public static class SkillsModule
{
    public static IServiceCollection AddSkills(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OrdersConnectorOptions>().Bind(configuration.GetSection(OrdersConnectorOptions.Section))
            .Validate(o => o.IsValid(), "Concierge:Connectors:Orders: BaseUrl an absolute http(s) URL or empty, TimeoutSeconds in (0,60], Retries 0–3.")
            .ValidateOnStart();
        // The per-attempt timeout is the connector's; the client's own is only a backstop.
        services.AddHttpClient(OrdersConnector.ClientName, client => client.Timeout = TimeSpan.FromSeconds(65));
        services.AddSingleton<OrdersApiKey>();
        services.AddSingleton<DemoOrderService>();
        services.AddSingleton<ISkillConnector, OrdersConnector>();

        var builtIn = new BuiltInSkillDefinitions();
        services.AddSingleton<ISkillDefinitionProvider>(builtIn);
        // One skill per definition, so the bot can ask the one in progress first. Definitions are looked up by name each
        // turn, so a provider that reloads them (the admin UI later) changes behaviour without a restart.
        foreach (var definition in builtIn.All)
        {
            var name = definition.Name;
            services.AddSingleton<IBotSkill>(sp => new SlotFillingSkill(name, sp.GetRequiredService<ISkillDefinitionProvider>(),
                sp.GetServices<ISkillConnector>(), sp.GetRequiredService<TimeProvider>()));
        }
        return services;
    }

    public static IEndpointRouteBuilder MapSkills(this IEndpointRouteBuilder app)
    {
        DemoOrderService.Map(app);
        return app;
    }
}
