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

        // Built-in definitions (embedded JSON), overridden or extended by the ones edited in the admin UI. The bot gets one
        // skill per current definition from the catalog each turn, so a saved change is live without a restart.
        services.AddSingleton<BuiltInSkillDefinitions>();
        services.AddSingleton<SkillCatalog>();
        services.AddSingleton<ISkillDefinitionProvider>(sp => sp.GetRequiredService<SkillCatalog>());
        services.AddHostedService(sp => sp.GetRequiredService<SkillCatalog>());
        services.AddScoped<ManageSkillDefinitions>();
        return services;
    }

    public static IEndpointRouteBuilder MapSkills(this IEndpointRouteBuilder app)
    {
        DemoOrderService.Map(app);
        SkillEndpoints.Map(app);
        return app;
    }
}
