using Concierge.Features.Conversations;

namespace Concierge.Features.Channels;

/// <summary>
/// A channel (web widget, app API, WeChat, email …). Adding a channel is one folder under Features/Channels with an adapter,
/// its inbound mapping onto <see cref="ReceiveMessage"/>, and one registration line. Core code reads
/// <see cref="Capabilities"/>; it never switches on the channel kind.
/// </summary>
public interface IChannelAdapter
{
    /// <summary>The kind stored on inboxes, e.g. "web".</summary>
    string Kind { get; }
    ChannelCapabilities Capabilities { get; }

    /// <summary>Deliver an agent or bot reply that is already stored. Called after commit, and again by the retry job while it fails.</summary>
    Task<DeliveryOutcome> Send(OutboundMessage message, CancellationToken ct);
}

/// <param name="LiveTyping">The channel shows typing indicators both ways.</param>
/// <param name="ReplyWindow">How long after the customer's last message a reply may be sent (e.g. 48 h on some IM channels); null = unlimited.</param>
/// <param name="DisplayName">Name of the channel for screens, in English and Chinese.</param>
public sealed record ChannelCapabilities(bool LiveTyping, TimeSpan? ReplyWindow, string DisplayNameEn, string DisplayNameZh);

public sealed record OutboundMessage(Channels.Inbox Inbox, MessageView Message, string? CustomerExternalId);

public sealed record DeliveryOutcome(bool Delivered, string? Error = null, bool Retry = true)
{
    public static readonly DeliveryOutcome Done = new(true);
}

/// <summary>Finds the adapter for an inbox's channel kind.</summary>
public sealed class ChannelAdapters(IEnumerable<IChannelAdapter> adapters)
{
    private readonly Dictionary<string, IChannelAdapter> _byKind = adapters.ToDictionary(a => a.Kind, StringComparer.OrdinalIgnoreCase);

    public IChannelAdapter? Find(string kind) => _byKind.GetValueOrDefault(kind);
    public IReadOnlyCollection<IChannelAdapter> All => _byKind.Values;
}
