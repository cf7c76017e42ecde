namespace Concierge.Platform.Hosting;

internal static class TextsZh
{
    public static readonly Dictionary<string, string> All = new()
    {
    };
}
