namespace Concierge.Nlp.Entities;

/// <summary>
/// An entity found in a message. <see cref="Start"/> and <see cref="Length"/> index the text given to
/// <see cref="EntityExtractor.Extract"/>; <see cref="Value"/> is normalised: phones as +country digits (E.164),
/// amounts as "350 CNY", dates as ISO-8601 ("2024-05-21" or "2024-05-21T15:00:00+08:00"), emails lower case,
/// card and ID numbers as bare digits, dictionary entities as their canonical name.
/// </summary>
public sealed record Entity(string Type, string Text, int Start, int Length, string Value);

/// <summary>A custom dictionary entry: <paramref name="Canonical"/> is reported as the value of any of its synonyms.</summary>
public sealed record DictionaryEntity(string Type, string Canonical, IReadOnlyList<string> Synonyms);

/// <summary>The entity type names produced by <see cref="EntityExtractor"/>.</summary>
public static class EntityTypes
{
    public const string OrderNumber = "order_number";
    public const string Phone = "phone";
    public const string Email = "email";
    public const string IdCard = "id_card";
    public const string BankCard = "bank_card";
    public const string Amount = "amount";
    public const string DateTime = "datetime";
}
