using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Concierge.Platform.Security;

namespace Concierge.Features.Channels.Api;

/// <summary>
/// The app / mini-program channel. Apps poll <c>GET /api/v1/conversations/{id}/messages?after=</c>; an inbox with a webhook
/// URL also gets each reply POSTed, signed: <c>X-Concierge-Signature: sha256=HMAC-SHA256(webhook secret, raw body)</c>.
/// </summary>
internal sealed class AppApiAdapter(IHttpClientFactory http, TimeProvider clock) : IChannelAdapter
{
    public const string KindName = "api";
    public const string SignatureHeader = "X-Concierge-Signature";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Kind => KindName;
    public ChannelCapabilities Capabilities { get; } = new(LiveTyping: false, ReplyWindow: null, "App / mini-program API", "App / 小程序 API");

    public async Task<DeliveryOutcome> Send(OutboundMessage message, CancellationToken ct)
    {
        if (message.Inbox.WebhookUrl is not { } url) return DeliveryOutcome.Done;

        var body = JsonSerializer.Serialize(new
        {
            @event = "message.created",
            sentAt = clock.GetUtcNow(),
            inboxId = message.Inbox.Id,
            conversationId = message.Message.ConversationId,
            customer = new { externalId = message.CustomerExternalId },
            message = message.Message,
        }, Json);
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add(SignatureHeader, "sha256=" + Secrets.HmacHex(message.Inbox.WebhookSecret ?? "", body));
        request.Headers.Add("X-Concierge-Event", "message.created");
        request.Headers.Add("X-Concierge-Delivery", message.Message.Id.ToString());

        using var response = await http.CreateClient(KindName).SendAsync(request, ct);
        if (response.IsSuccessStatusCode) return DeliveryOutcome.Done;
        // 4xx other than 408/429 means the app rejects the payload: retrying will not help.
        var code = (int)response.StatusCode;
        var retry = code is >= 500 or 408 or 429;
        return new DeliveryOutcome(false, $"Webhook answered {code} {response.ReasonPhrase}", retry);
    }
}
