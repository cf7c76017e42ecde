using System.Collections.Concurrent;
using System.Net;
using Concierge.Features.Channels;
using Concierge.Features.Conversations;
using Concierge.Platform.Security;
using Concierge.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Concierge.Tests.Channels;

/// <summary>Agent replies are POSTed to the app's webhook, signed, and retried until the app takes them.</summary>
public sealed class WebhookTests : IAsyncLifetime
{
    private readonly ConciergeApp _app = new();
    private WebApplication _receiver = default!;
    private readonly ConcurrentQueue<(string Body, string Signature)> _received = new();
    private int _failuresLeft;
    private string _url = "";

    public async ValueTask InitializeAsync()
    {
        // The company's app server, on a real loopback port.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _receiver = builder.Build();
        _receiver.MapPost("/hook", async (HttpRequest request) =>
        {
            if (Interlocked.Decrement(ref _failuresLeft) >= 0) return Results.StatusCode(503);
            using var reader = new StreamReader(request.Body);
            _received.Enqueue((await reader.ReadToEndAsync(), request.Headers["X-Concierge-Signature"].ToString()));
            return Results.Ok();
        });
        await _receiver.StartAsync();
        _url = _receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook";
    }

    public async ValueTask DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _app.DisposeAsync();
    }

    private async Task<(string Key, string Secret, Guid InboxId)> InboxWithWebhook()
    {
        var created = await _app.Admin().PostJson("/api/v1/inboxes", new { name = "Hooked app", channel = "api", webhookUrl = _url, memberIds = Array.Empty<Guid>() });
        return (created.Str("apiKey"), created.Str("webhookSecret"), Guid.Parse(created.GetProperty("inbox").Str("id")));
    }

    [Fact]
    public async Task AnAgentReplyIsPostedToTheWebhookSignedWithTheInboxSecret()
    {
        var (key, secret, inboxId) = await InboxWithWebhook();
        var sent = await _app.Http(key).PostJson($"/api/v1/inboxes/{inboxId}/messages", new { customer = new { externalId = "u-hook" }, text = "hi" });
        await _app.Admin().PostJson($"/api/v1/conversations/{sent.Str("conversationId")}/replies", new { text = "Hello from support" });

        var (body, signature) = await Eventually(() => _received.TryPeek(out var r) ? r : default);
        signature.ShouldBe("sha256=" + Secrets.HmacHex(secret, body));
        body.ShouldContain("Hello from support");
        body.ShouldContain("u-hook");
        var message = await _app.Db(db => db.Messages.SingleAsync(m => m.Body == "Hello from support"));
        message.DeliveryStatus.ShouldBe(DeliveryStatus.Delivered);
    }

    [Fact]
    public async Task AFailedDeliveryStaysPendingAndIsRetriedWithBackoff()
    {
        _failuresLeft = 1;
        var (key, _, inboxId) = await InboxWithWebhook();
        var sent = await _app.Http(key).PostJson($"/api/v1/inboxes/{inboxId}/messages", new { customer = new { externalId = "u-retry-hook" }, text = "hi" });
        await _app.Admin().PostJson($"/api/v1/conversations/{sent.Str("conversationId")}/replies", new { text = "Will arrive eventually" });

        var pending = await _app.Db(db => db.Messages.SingleAsync(m => m.Body == "Will arrive eventually"));
        pending.DeliveryStatus.ShouldBe(DeliveryStatus.Pending);
        pending.DeliveryAttempts.ShouldBe(1);
        _received.ShouldBeEmpty();

        _app.Clock.Advance(TimeSpan.FromSeconds(30));
        var retried = await _app.Services.GetRequiredService<RetryPendingDeliveries>().RunOnce(CancellationToken.None);

        retried.ShouldBeGreaterThanOrEqualTo(1);
        _received.Count.ShouldBe(1);
        (await _app.Db(db => db.Messages.SingleAsync(m => m.Body == "Will arrive eventually"))).DeliveryStatus.ShouldBe(DeliveryStatus.Delivered);
    }

    private static async Task<T> Eventually<T>(Func<T?> probe)
    {
        for (var i = 0; i < 100; i++)
        {
            if (probe() is { } value && !EqualityComparer<T>.Default.Equals(value, default)) return value;
            await Task.Delay(100);
        }
        throw new TimeoutException("The webhook was not called.");
    }
}
