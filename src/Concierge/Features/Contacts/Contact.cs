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
    public string DisplayName => Name.Length > 0 ? Name : $"Visitor {Id.ToString("N")[^6..].ToUpperInvariant()}";

    public void Seen(DateTimeOffset now) => LastSeenAt = now;

    /// <summary>Fill in what the channel tells us; never erase what we knew.</summary>
    public void Update(string? name, string? email, string? phone)
    {
        if (!string.IsNullOrWhiteSpace(name)) Name = name.Trim();
        if (!string.IsNullOrWhiteSpace(email)) Email = email.Trim();
        if (!string.IsNullOrWhiteSpace(phone)) Phone = phone.Trim();
    }

    public void SetAttributes(string json) => AttributesJson = json;
}
