namespace Concierge.Platform.Hosting;

/// <summary>Top-level settings (section "Concierge"). Environment variables use the <c>Concierge__</c> prefix.</summary>
public sealed class ConciergeOptions
{
    public const string Section = "Concierge";

    /// <summary>Folder for the SQLite file, data-protection keys and the signing secret. Default: ./data</summary>
    public string DataDir { get; set; } = "data";

    public DatabaseOptions Database { get; set; } = new();
    public DemoOptions Demo { get; set; } = new();

    /// <summary>Largest accepted message text, in characters.</summary>
    public int MaxMessageLength { get; set; } = 4000;
}

public sealed class DatabaseOptions
{
    /// <summary>"sqlite" (default, embedded) or "postgres".</summary>
    public string Provider { get; set; } = "sqlite";
    /// <summary>For postgres: an Npgsql connection string. For sqlite: optional; default is {DataDir}/concierge.db.</summary>
    public string? ConnectionString { get; set; }
}

public sealed class DemoOptions
{
    /// <summary>Seed the demo company on an empty database.</summary>
    public bool Seed { get; set; } = true;
    public string AppApiKey { get; set; } = "ck_demo_app_4f7c2e9a";
    public string AdminPassword { get; set; } = "Concierge-2026!";
    public string AdminApiToken { get; set; } = "cat_demo_admin_8b1d5f3e";
    public string AgentPassword { get; set; } = "Agent-2026!";
    /// <summary>Whether the demo inboxes have the bot on.</summary>
    public bool BotEnabled { get; set; } = true;
}
