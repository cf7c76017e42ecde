namespace Concierge.Features.Integrations.Orders;

/// <summary>The company's order system (section "Concierge:Connectors:Orders").</summary>
public sealed class OrdersConnectorOptions
{
    public const string Section = "Concierge:Connectors:Orders";

    /// <summary>e.g. https://oms.example.com/api/. Empty: the demo order service inside this server (/demo-api/).</summary>
    public string? BaseUrl { get; set; }
    /// <summary>Sent as the X-Api-Key header. Empty: a random key made at start, shared with the demo order service.</summary>
    public string? ApiKey { get; set; }
    /// <summary>Per attempt; a bot turn waits for it, so keep it short.</summary>
    public double TimeoutSeconds { get; set; } = 4;
    /// <summary>Extra attempts for a GET that failed to connect or got 502/503/504.</summary>
    public int Retries { get; set; } = 1;

    internal bool IsValid() =>
        (string.IsNullOrWhiteSpace(BaseUrl) || (Uri.TryCreate(BaseUrl, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"))
        && TimeoutSeconds is > 0 and <= 60 && Retries is >= 0 and <= 3;
}

/// <summary>The key the connector sends and the demo order service expects: configured, or made once per process.</summary>
internal sealed class OrdersApiKey(Microsoft.Extensions.Options.IOptions<OrdersConnectorOptions> options)
{
    public string Value { get; } = string.IsNullOrWhiteSpace(options.Value.ApiKey)
        ? Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))
        : options.Value.ApiKey;
}
