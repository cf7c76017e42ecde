namespace Concierge.Nlp.Entities;

/// <summary>A possible entity before overlaps are resolved; a lower <see cref="Priority"/> wins an overlap.</summary>
internal readonly record struct Candidate(string Type, int Start, int Length, string Value, int Priority)
{
    public int End => Start + Length;
}

/// <summary>Overlap precedence, strongest first. Documented in <see cref="EntityExtractor"/>.</summary>
internal static class Precedence
{
    public const int Email = 0;
    public const int IdCard = 1;
    public const int CustomOrder = 2;
    public const int Phone = 3;
    public const int BankCard = 4;
    public const int DefaultOrder = 5;
    public const int DateTime = 6;
    public const int Amount = 7;
    public const int Dictionary = 8;
}
