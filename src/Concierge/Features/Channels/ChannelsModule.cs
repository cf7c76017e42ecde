using Concierge.Features.Channels.Api;
using Concierge.Features.Channels.Web;
using Concierge.Features.Conversations;
using Concierge.Platform.Events;

namespace Concierge.Features.Channels;

public static class ChannelsModule
{
    public static IServiceCollection AddChannels(this IServiceCollection services)
    {
        // One line per channel.
        services.AddSingleton<IChannelAdapter, WebWidgetAdapter>();
        services.AddSingleton<IChannelAdapter, AppApiAdapter>();

        services.AddSingleton<ChannelAdapters>();
        services.AddHttpClient(AppApiAdapter.KindName, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddScoped<DeliverReplies>();
        // Delivery runs after the live push so screens update first; both follow the commit.
        services.AddScoped<IEventHandler<ReplySent>>(sp => sp.GetRequiredService<DeliverReplies>());
        services.AddSingleton<RetryPendingDeliveries>();
        services.AddHostedService(sp => sp.GetRequiredService<RetryPendingDeliveries>());
        services.AddScoped<ResolveWidgetVisitor>();
        services.AddSingleton<InboxDirectory>();
        services.AddScoped<ListInboxes>();
        services.AddScoped<ManageInboxes>();
        return services;
    }

    public static IEndpointRouteBuilder MapChannels(this IEndpointRouteBuilder app)
    {
        WidgetEndpoints.Map(app);
        AppApiEndpoints.Map(app);
        InboxEndpoints.Map(app);
        return app;
    }
}
