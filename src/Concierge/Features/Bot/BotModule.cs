using Concierge.Features.Bot.Skills;
using Concierge.Features.Knowledge;
using Concierge.Platform.Events;

namespace Concierge.Features.Bot;

public static class BotModule
{
    /// <summary>The knowledge base and the bot that answers from it.</summary>
    public static IServiceCollection AddBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BotOptions>().Bind(configuration.GetSection(BotOptions.Section))
            .Validate(o => o.ClarifyMargin is >= 0 and < 1 && o.AngerHandoff is > 0 and <= 1 && o.FailuresBeforeHandoff >= 1,
                "Concierge:Bot: ClarifyMargin in [0,1), AngerHandoff in (0,1], FailuresBeforeHandoff ≥ 1.")
            .ValidateOnStart();
        services.AddSingleton<KnowledgeIndex>();
        services.AddHostedService(sp => sp.GetRequiredService<KnowledgeIndex>());
        services.AddScoped<IEventHandler<KnowledgeChanged>, RebuildKnowledgeIndex>();
        services.AddScoped<ImportKnowledge>();
        services.AddScoped<ManageKnowledge>();
        services.AddScoped<Knowledge.Learning.LearnFromCustomers>();
        services.AddScoped<SuggestAnswers>();
        services.AddScoped<GetBotTurns>();
        services.AddScoped<Knowledge.Analytics.GetSearchAnalytics>();
        // The skills come from the catalog (built-in + edited definitions, current at this turn), plus any hand-written
        // IBotSkill registered on its own.
        services.AddScoped<IConversationBot>(sp =>
        {
            var fromDefinitions = sp.GetRequiredService<SkillCatalog>().Skills;
            var handWritten = sp.GetServices<IBotSkill>().Where(s => fromDefinitions.All(d => d.Name != s.Name));
            return ActivatorUtilities.CreateInstance<ConciergeBot>(sp, (IEnumerable<IBotSkill>)[.. fromDefinitions, .. handWritten]);
        });
        services.AddSkills(configuration);
        return services;
    }

    public static IEndpointRouteBuilder MapBot(this IEndpointRouteBuilder app)
    {
        KnowledgeEndpoints.Map(app);
        BotEndpoints.Map(app);
        app.MapSkills();
        return app;
    }
}
