namespace Concierge.Platform.Hosting;

internal static class DataFolder
{
    public static string Resolve(ConciergeOptions options)
    {
        var dir = Path.GetFullPath(options.DataDir);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
