using Concierge.Platform.Events;

namespace Concierge.Features.Conversations;

public static class ConversationsModule
{
    public static IServiceCollection AddConversations(this IServiceCollection services)
    {
        services.AddScoped<ReceiveMessage>();
        services.AddScoped<SendReply>();
        services.AddScoped<AssignConversation>();
        services.AddScoped<ResolveConversation>();
        services.AddScoped<MarkConversationRead>();
        services.AddScoped<ListConversations>();
        services.AddScoped<GetConversation>();
        services.AddScoped<GetMessages>();
        services.AddScoped<Contacts.ResolveContact>();
        services.AddScoped<PushLiveUpdates>();
        services.AddScoped<IEventHandler<MessageReceived>>(sp => sp.GetRequiredService<PushLiveUpdates>());
        services.AddScoped<IEventHandler<ReplySent>>(sp => sp.GetRequiredService<PushLiveUpdates>());
        services.AddScoped<IEventHandler<ConversationAssigned>>(sp => sp.GetRequiredService<PushLiveUpdates>());
        services.AddScoped<IEventHandler<ConversationResolved>>(sp => sp.GetRequiredService<PushLiveUpdates>());
        services.AddScoped<IEventHandler<ConversationReopened>>(sp => sp.GetRequiredService<PushLiveUpdates>());
        services.AddScoped<IEventHandler<HandoffRequested>>(sp => sp.GetRequiredService<PushLiveUpdates>());
        services.AddScoped<IEventHandler<ConversationUnassigned>>(sp => sp.GetRequiredService<PushLiveUpdates>());
        services.AddScoped<IEventHandler<NoteAdded>>(sp => sp.GetRequiredService<PushLiveUpdates>());
        services.AddScoped<IEventHandler<ConversationRiskLocked>>(sp => sp.GetRequiredService<PushLiveUpdates>());
        return services;
    }

    public static IEndpointRouteBuilder MapConversations(this IEndpointRouteBuilder app)
    {
        ConversationEndpoints.Map(app);
        return app;
    }
}
