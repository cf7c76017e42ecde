using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Concierge.Browser.Tests.Infrastructure;

/// <summary>
/// A real Concierge on Kestrel (a loopback port: real HTTP and WebSockets for the browser) over a fresh SQLite file in its own
/// temp folder, seeded with the demo company. One per test class (IClassFixture).
/// </summary>
public class ConciergeSite : WebApplicationFactory<Program>
{
    // The documented demo credentials (README); the browser tests sign in exactly as a person trying the demo would.
    public const string AdminEmail = "admin@lumen.demo";
    public const string AdminPassword = "Concierge-2026!";
    public const string AgentPassword = "Agent-2026!";
    public const string AppApiKey = "ck_demo_app_4f7c2e9a";
    public static readonly Guid WebInbox = Guid.Parse("0b1e0000-0000-4000-8000-000000000001");
    public static readonly Guid AppInbox = Guid.Parse("0b1e0000-0000-4000-8000-000000000002");

    private readonly IReadOnlyDictionary<string, string> _settings;

    public ConciergeSite() : this(new Dictionary<string, string>()) { }

    protected ConciergeSite(IReadOnlyDictionary<string, string> settings)
    {
        _settings = settings;
        DataDir = Path.Combine(Path.GetTempPath(), "concierge-browser-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDir);
        UseKestrel(0);
    }

    public string DataDir { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Concierge:DataDir", DataDir);
        builder.UseSetting("Concierge:Database:Provider", "sqlite");
        builder.UseSetting("Concierge:Database:ConnectionString", "");
        builder.UseSetting("Concierge:Demo:Seed", "true");
        builder.UseSetting("Concierge:Demo:AppApiKey", AppApiKey);
        builder.UseSetting("Concierge:Demo:AdminPassword", AdminPassword);
        builder.UseSetting("Concierge:Demo:AgentPassword", AgentPassword);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Keys in a throw-away temp folder need no encryption at rest; the warning would only bury real ones.
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.DataProtection", "Error");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    /// <summary>http://127.0.0.1:port/ — starts the server on first use.</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }
    }

    /// <summary>A plain HttpClient to the real port, optionally with a bearer key (the app API, admin tokens).</summary>
    public HttpClient Http(string? bearer = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (bearer is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", bearer);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDir, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
        catch (UnauthorizedAccessException) { }
    }
}
