namespace Concierge.Browser.Tests.Infrastructure;

/// <summary>
/// Screenshots are artifacts people look at: <c>artifacts/screenshots/</c> at the repository root (git-ignored), a stable path
/// whatever the build configuration. CONCIERGE_SCREENSHOTS overrides the folder.
/// </summary>
public static class Screenshots
{
    public static string Folder { get; } = Environment.GetEnvironmentVariable("CONCIERGE_SCREENSHOTS") is { Length: > 0 } dir
        ? dir
        : Path.Combine(RepositoryRoot(), "artifacts", "screenshots");

    public static async Task<string> Save(IPage page, string name, bool fullPage = false)
    {
        var path = Path.Combine(Folder, name + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new() { Path = path, FullPage = fullPage, Animations = ScreenshotAnimations.Disabled });
        return path;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Directory.Build.props")) && Directory.Exists(Path.Combine(dir.FullName, "src")))
                return dir.FullName;
        }
        return Path.Combine(AppContext.BaseDirectory, "artifacts-root");
    }
}
