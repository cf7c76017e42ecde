namespace Concierge.Features.Contacts;

/// <summary>
/// A customer. One customer across channels: the same <see cref="ExternalId"/> (the company's own user id) on the web
/// widget and the app API is one contact with one history.
/// </summary>
public sealed class Contact
{
    private Contact() { }

    public Guid Id { get; private set; }
    public string? ExternalId { get; private set; }
    public string Name { get; private set; } = "";
    public string? Email { get; private set; }
    public string? Phone { get; private set; }
    /// <summary>Free-form attributes as JSON (e.g. {"vip":"gold"}).</summary>
    public string AttributesJson { get; private set; } = "{}";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset LastSeenAt { get; private set; }

    public static Contact Create(string? externalId, string? name, string? email, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        ExternalId = string.IsNullOrWhiteSpace(externalId) ? null : externalId.Trim(),
        Name = string.IsNullOrWhiteSpace(name) ? "" : name.Trim(),
        Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim(),
        CreatedAt = now,
        LastSeenAt = now,
    };

    /// <summary>Display name: the given name, else a stable short visitor label.</summary>
    public string DisplayName => DisplayNameOf(Name, Id);

    /// <summary>The same label for rows read without the entity (list queries).</summary>
    public static string DisplayNameOf(string name, Guid id) => name.Length > 0 ? name : $"Visitor {id.ToString("N")[^6..].ToUpperInvariant()}";

    public void Seen(DateTimeOffset now) => LastSeenAt = now;

    /// <summary>Fill in what the channel tells us; never erase what we knew.</summary>
    public void Update(string? name, string? email, string? phone)
    {
        if (!string.IsNullOrWhiteSpace(name)) Name = name.Trim();
        if (!string.IsNullOrWhiteSpace(email)) Email = email.Trim();
        if (!string.IsNullOrWhiteSpace(phone)) Phone = phone.Trim();
    }

    public void SetAttributes(string json) => AttributesJson = json;

    /// <summary>Adds or overwrites the given attributes, keeping the others.</summary>
    public void MergeAttributes(IReadOnlyDictionary<string, System.Text.Json.JsonElement> attributes)
    {
        var merged = System.Text.Json.Nodes.JsonNode.Parse(AttributesJson) as System.Text.Json.Nodes.JsonObject ?? [];
        foreach (var (key, value) in attributes) merged[key] = System.Text.Json.Nodes.JsonNode.Parse(value.GetRawText());
        AttributesJson = merged.ToJsonString();
    }

    /// <summary>The customer's VIP level from the "vip" attribute (e.g. "gold"); null for everyone else.</summary>
    public string? VipLevel => VipLevelOf(AttributesJson);

    /// <summary>The VIP level in a contact's attributes JSON, for rows read without the entity.</summary>
    public static string? VipLevelOf(string attributesJson)
    {
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(attributesJson);
            return doc.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && doc.RootElement.TryGetProperty("vip", out var vip)
                && vip.ValueKind is System.Text.Json.JsonValueKind.String or System.Text.Json.JsonValueKind.True
                && vip.ToString() is { Length: > 0 } level && level.ToLowerInvariant() is not ("false" or "none" or "no") ? level : null;
        }
        catch (System.Text.Json.JsonException) { return null; }
    }
}
