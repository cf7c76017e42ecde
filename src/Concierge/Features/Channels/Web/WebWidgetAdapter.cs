namespace Concierge.Features.Channels.Web;

/// <summary>
/// The website chat widget. A reply is "delivered" once stored: the visitor's open widget receives it over its socket
/// from the live feed, and a widget that was closed fetches it on reconnect.
/// </summary>
internal sealed class WebWidgetAdapter : IChannelAdapter
{
    public const string KindName = "web";
    public string Kind => KindName;
    public ChannelCapabilities Capabilities { get; } = new(LiveTyping: true, ReplyWindow: null, "Website chat", "网站在线客服");
    public Task<DeliveryOutcome> Send(OutboundMessage message, CancellationToken ct) => Task.FromResult(DeliveryOutcome.Done);
}
