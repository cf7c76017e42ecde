using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concierge.Features.Bot.Skills.Connectors;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Concierge.Features.Integrations.Orders;

/// <summary>
/// HTTP connector to the company's order system. Without a configured base URL it calls the demo order service on this
/// very server, found through the addresses Kestrel is listening on, so the demo works out of the box.
/// </summary>
internal sealed class OrdersConnector(IHttpClientFactory clients, IOptionsMonitor<OrdersConnectorOptions> options, OrdersApiKey key,
    IServer server, ILogger<OrdersConnector> log) : ISkillConnector
{
    public const string ClientName = "orders-connector";

    public string Name => "orders";

    public async Task<ConnectorResult> Send(HttpMethod method, string pathAndQuery, JsonObject? body, CancellationToken ct)
    {
        var o = options.CurrentValue;
        if (BaseAddress(o) is not { } baseAddress) return new(ConnectorOutcome.Failed, null, "No order-system address (BaseUrl unset, server address unknown).");
        var uri = new Uri(baseAddress, pathAndQuery);
        // Only reads are retried: repeating a POST could file the same after-sales request twice.
        var attempts = method == HttpMethod.Get ? 1 + o.Retries : 1;
        for (var attempt = 1; ; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(o.TimeoutSeconds));
            try
            {
                using var request = new HttpRequestMessage(method, uri);
                request.Headers.Add("X-Api-Key", key.Value);
                if (body is not null) request.Content = JsonContent.Create(body);
                using var response = await clients.CreateClient(ClientName).SendAsync(request, timeout.Token);
                if (attempt < attempts && response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout)
                    continue;
                var json = await ReadJson(response, timeout.Token);
                var status = (int)response.StatusCode;
                return status switch
                {
                    >= 200 and < 300 => new(ConnectorOutcome.Ok, json, $"{status}"),
                    404 => new(ConnectorOutcome.NotFound, json, "404"),
                    400 or 409 or 422 => new(ConnectorOutcome.Rejected, json, $"{status}"),
                    _ => Failed($"{method} {uri.AbsolutePath} → {status}"),
                };
            }
            catch (HttpRequestException e) when (attempt < attempts)
            {
                log.LogInformation(e, "Order system unreachable on attempt {Attempt}; retrying.", attempt);
            }
            catch (HttpRequestException e)
            {
                return Failed($"{method} {uri.AbsolutePath}: {e.Message}");
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return Failed($"{method} {uri.AbsolutePath}: no answer within {o.TimeoutSeconds:0.#} s");
            }
        }
    }

    private ConnectorResult Failed(string detail)
    {
        log.LogWarning("Order system call failed: {Detail}", detail);
        return new(ConnectorOutcome.Failed, null, detail);
    }

    private static async Task<JsonElement?> ReadJson(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true) return null;
        try { return await response.Content.ReadFromJsonAsync<JsonElement>(ct); }
        catch (JsonException) { return null; }
    }

    private Uri? BaseAddress(OrdersConnectorOptions o)
    {
        if (!string.IsNullOrWhiteSpace(o.BaseUrl)) return new Uri(o.BaseUrl.EndsWith('/') ? o.BaseUrl : o.BaseUrl + "/");
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var own = addresses.OrderBy(a => a.StartsWith("https", StringComparison.OrdinalIgnoreCase)).FirstOrDefault();
        if (own is null) return null;
        // Kestrel reports wildcard bindings (http://+:5080, http://[::]:5080); call ourselves on loopback instead.
        var builder = new UriBuilder(own.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (builder.Host is "[::]" or "::" or "0.0.0.0") builder.Host = "localhost";
        builder.Path = "/demo-api/";
        return builder.Uri;
    }
}
