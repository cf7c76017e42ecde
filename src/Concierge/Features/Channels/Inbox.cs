namespace Concierge.Features.Channels;

/// <summary>
/// An inbox: one entry point on one channel (the website widget, the app API …) with its own agents, keys and settings.
/// </summary>
public sealed class Inbox
{
    private Inbox() { }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>The channel kind, matching an <see cref="IChannelAdapter.Kind"/> ("web", "api").</summary>
    public string Channel { get; private set; } = "";
    /// <summary>SHA-256 of the inbox API key (app channel). The key itself is shown once, when it is created.</summary>
    public string? ApiKeyHash { get; private set; }
    /// <summary>First characters of the key, so admins can recognise it.</summary>
    public string? ApiKeyHint { get; private set; }
    /// <summary>Secret the company's site uses to sign a visitor's identity (HMAC-SHA256 of the external id).</summary>
    public string IdentitySecret { get; private set; } = "";
    /// <summary>Where agent replies are POSTed for the app channel (optional), signed with <see cref="WebhookSecret"/>.</summary>
    public string? WebhookUrl { get; private set; }
    public string? WebhookSecret { get; private set; }
    /// <summary>Whether the bot answers first in this inbox (when a bot is installed).</summary>
    public bool BotEnabled { get; private set; }
    public string Greeting { get; private set; } = "";
    /// <summary>What the bot says first to a VIP customer (contact attribute "vip"); {{customer.name}} is filled in.</summary>
    public string VipGreeting { get; private set; } = "";
    /// <summary>VIP customers skip the bot and go straight to the human queue.</summary>
    public bool VipSkipsBot { get; private set; }
    public string WidgetColor { get; private set; } = "#2563eb";
    /// <summary>
    /// How far the bot is trusted here (AS-5): <see cref="Rollouts.BotFirst"/>, <see cref="Rollouts.BotReview"/> (the bot
    /// answers and its conversations stay in the agents' list for review) or <see cref="Rollouts.HumanFirst"/> (humans answer,
    /// the bot only suggests). Only matters when <see cref="BotEnabled"/>.
    /// </summary>
    public string Rollout { get; private set; } = Rollouts.BotFirst;
    /// <summary>Routing rules for this inbox (JSON of <see cref="Routing.Engine.InboxRules"/>); empty = defaults.</summary>
    public string RoutingRulesJson { get; private set; } = "";
    /// <summary>Opening hours (JSON of <see cref="Routing.BusinessHours"/>); empty = always open.</summary>
    public string BusinessHoursJson { get; private set; } = "";
    /// <summary>This inbox's own bot thresholds (JSON of <see cref="Bot.BotThresholds"/>); empty = the server-wide defaults.</summary>
    public string BotThresholdsJson { get; private set; } = "";

    public Bot.BotThresholds? BotThresholds =>
        string.IsNullOrEmpty(BotThresholdsJson) ? null
            : System.Text.Json.JsonSerializer.Deserialize<Bot.BotThresholds>(BotThresholdsJson, Routing.RoutingJson.Options);

    public void SetBotThresholds(Bot.BotThresholds? thresholds) =>
        BotThresholdsJson = thresholds is null ? "" : System.Text.Json.JsonSerializer.Serialize(thresholds, Routing.RoutingJson.Options);
    public bool IsArchived { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static Inbox Create(string name, string channel, DateTimeOffset now, Guid? id = null) => new()
    {
        Id = id ?? Guid.CreateVersion7(now),
        Name = name.Trim(),
        Channel = channel,
        IdentitySecret = Platform.Security.Secrets.NewToken(24),
        CreatedAt = now,
    };

    public void Rename(string name) => Name = name.Trim();
    public void Configure(string? greeting, string? widgetColor, bool? botEnabled)
    {
        if (greeting is not null) Greeting = greeting.Trim();
        if (widgetColor is not null) WidgetColor = widgetColor;
        if (botEnabled is not null) BotEnabled = botEnabled.Value;
    }

    public void ConfigureVip(string? greeting, bool? skipsBot)
    {
        if (greeting is not null) VipGreeting = greeting.Trim();
        if (skipsBot is not null) VipSkipsBot = skipsBot.Value;
    }

    /// <summary>Whether the bot answers customers here (installed, switched on, and not in human-first roll-out).</summary>
    public bool BotAnswers => BotEnabled && Rollout != Rollouts.HumanFirst;

    public Routing.Engine.InboxRules RoutingRules =>
        string.IsNullOrEmpty(RoutingRulesJson) ? Routing.Engine.InboxRules.Default
            : System.Text.Json.JsonSerializer.Deserialize<Routing.Engine.InboxRules>(RoutingRulesJson, Routing.RoutingJson.Options) ?? Routing.Engine.InboxRules.Default;

    public Routing.BusinessHours? Hours =>
        string.IsNullOrEmpty(BusinessHoursJson) ? null
            : System.Text.Json.JsonSerializer.Deserialize<Routing.BusinessHours>(BusinessHoursJson, Routing.RoutingJson.Options);

    public void ConfigureRouting(string? rollout, Routing.Engine.InboxRules? rules, Routing.BusinessHours? hours, bool clearHours)
    {
        if (rollout is not null) Rollout = rollout;
        if (rules is not null) RoutingRulesJson = System.Text.Json.JsonSerializer.Serialize(rules, Routing.RoutingJson.Options);
        if (hours is not null) BusinessHoursJson = System.Text.Json.JsonSerializer.Serialize(hours, Routing.RoutingJson.Options);
        else if (clearHours) BusinessHoursJson = "";
    }

    public void SetApiKey(string keyHash, string hint) { ApiKeyHash = keyHash; ApiKeyHint = hint; }
    public void SetWebhook(string? url, string? secret)
    {
        WebhookUrl = string.IsNullOrWhiteSpace(url) ? null : url.Trim();
        WebhookSecret = WebhookUrl is null ? null : secret;
    }
    public void Archive() => IsArchived = true;
}

/// <summary>The roll-out stages of the bot in an inbox (AS-5).</summary>
public static class Rollouts
{
    public const string BotFirst = "bot-first";
    public const string BotReview = "bot-review";
    public const string HumanFirst = "human-first";
    public static readonly string[] All = [BotFirst, BotReview, HumanFirst];
}

/// <summary>An agent's membership of an inbox: agents see only the inboxes they belong to.</summary>
public sealed class InboxMember
{
    public Guid InboxId { get; set; }
    public Guid AgentId { get; set; }
}
