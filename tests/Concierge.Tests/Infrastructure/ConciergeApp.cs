using System.Net.Http.Headers;
using System.Net.Http.Json;
using Concierge.Platform.Data;
using Concierge.Platform.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Concierge.Tests.Infrastructure;

/// <summary>
/// A real Concierge on Kestrel (a loopback port, real HTTP and WebSockets) over a real database: a fresh SQLite file by default,
/// or a fresh PostgreSQL database when CONCIERGE_TEST_DB=postgres (CONCIERGE_TEST_PG gives the server's connection string).
/// Starting a second app on the same <see cref="Database"/> is how restart durability is tested.
/// </summary>
public sealed class ConciergeApp : WebApplicationFactory<Program>
{
    public const string AppKey = "ck_test_app_key_0123456789";
    public const string AdminToken = "cat_test_admin_token_0123456789";
    public const string AdminPassword = "Admin-pass-2026";
    public const string AgentPassword = "Agent-2026!";
    public static readonly Guid WebInbox = DemoData.WebInboxId;
    public static readonly Guid AppInbox = DemoData.AppInboxId;

    public TestDatabase Database { get; }
    public ManualClock Clock { get; } = new();

    private readonly bool _bot;

    /// <param name="bot">Whether the demo inboxes have the bot on. Off by default: most suites test the human path.</param>
    public ConciergeApp(TestDatabase? database = null, bool bot = false)
    {
        Database = database ?? TestDatabase.Create();
        Database.Use();
        _bot = bot;
        UseKestrel(0);
    }

    public static bool OnPostgres => Environment.GetEnvironmentVariable("CONCIERGE_TEST_DB") == "postgres";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Concierge:DataDir", Database.DataDir);
        builder.UseSetting("Concierge:Database:Provider", Database.Provider);
        if (Database.ConnectionString is { } cs) builder.UseSetting("Concierge:Database:ConnectionString", cs);
        builder.UseSetting("Concierge:Demo:AppApiKey", AppKey);
        builder.UseSetting("Concierge:Demo:AdminApiToken", AdminToken);
        builder.UseSetting("Concierge:Demo:AdminPassword", AdminPassword);
        builder.UseSetting("Concierge:Demo:AgentPassword", AgentPassword);
        builder.UseSetting("Concierge:Demo:BotEnabled", _bot ? "true" : "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureServices(s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(Clock);
        });
    }

    public Uri BaseAddress
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }
    }

    /// <summary>A plain HttpClient to the real port (no cookies, no redirects followed).</summary>
    public HttpClient Http(string? bearer = null)
    {
        StartServer();
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseAddress };
        if (bearer is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return client;
    }

    public HttpClient App() => Http(AppKey);
    public HttpClient Admin() => Http(AdminToken);

    /// <summary>An API token for a demo agent, created through the API as that agent would (cookie sign-in, then POST).</summary>
    public async Task<HttpClient> Agent(string email)
    {
        var cookies = new System.Net.CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
        await SignIn(browser, email, email == DemoData.AdminEmail ? AdminPassword : AgentPassword);
        var response = await browser.PostAsJsonAsync("/api/v1/api-tokens", new { name = "test" });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return Http(created.GetProperty("secret").GetString());
    }

    /// <summary>Signs in through the real form (with its antiforgery token); the client must keep cookies.</summary>
    public static async Task SignIn(HttpClient browser, string email, string password) =>
        (await TrySignIn(browser, email, password)).ShouldBe("/inbox", $"sign-in as {email} failed");

    /// <summary>Posts the sign-in form; returns where the server redirects to ("/inbox" on success).</summary>
    public static async Task<string> TrySignIn(HttpClient browser, string email, string password)
    {
        var page = await browser.GetStringAsync("/login");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = password, ["returnUrl"] = "/inbox", ["__RequestVerificationToken"] = token,
        }));
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        return response.Headers.Location!.ToString();
    }

    public T Service<T>(Action<T>? _ = null) where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Stops the server and frees its database: pooled connections closed, the PostgreSQL database dropped.</summary>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        await Database.Drop();
    }

    public async Task<TResult> Db<TResult>(Func<ConciergeDb, Task<TResult>> query)
    {
        using var scope = Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<ConciergeDb>());
    }
}

/// <summary>A database owned by one test class: a SQLite file in a temp folder, or a fresh PostgreSQL database.</summary>
public sealed class TestDatabase
{
    private int _users;
    public string DataDir { get; private init; } = "";
    public string Provider { get; private init; } = "sqlite";
    public string? ConnectionString { get; private init; }

    public static TestDatabase Create()
    {
        var dir = Path.Combine(Path.GetTempPath(), "concierge-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        if (!ConciergeApp.OnPostgres) return new TestDatabase { DataDir = dir };

        var server = Environment.GetEnvironmentVariable("CONCIERGE_TEST_PG") ?? "Host=127.0.0.1;Username=postgres;Password=postgres";
        var name = "concierge_test_" + Guid.NewGuid().ToString("N")[..12];
        using (var connection = new NpgsqlConnection(server + ";Database=postgres"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE {name}";
            command.ExecuteNonQuery();
        }
        // A small pool per test class: the suite runs many classes against one server with 100 connections.
        return new TestDatabase { DataDir = dir, Provider = "postgres", ConnectionString = $"{server};Database={name};Maximum Pool Size=8", Server = server, Name = name };
    }

    private string? Server { get; init; }
    private string? Name { get; init; }

    /// <summary>A restart test opens two apps on one database; the last one to close drops it.</summary>
    public void Use() => Interlocked.Increment(ref _users);

    public async Task Drop()
    {
        if (Interlocked.Decrement(ref _users) > 0) return;
        if (Provider == "sqlite")
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            return;
        }
        await using (var own = new NpgsqlConnection(ConnectionString)) NpgsqlConnection.ClearPool(own);
        await using var connection = new NpgsqlConnection(Server + ";Database=postgres");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)";
        await command.ExecuteNonQueryAsync();
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>A clock tests can move forward (retry back-off, time-based rules). Starts at the real time.</summary>
public sealed class ManualClock : TimeProvider
{
    private TimeSpan _offset;
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;
    public void Advance(TimeSpan by) => _offset += by;
}
