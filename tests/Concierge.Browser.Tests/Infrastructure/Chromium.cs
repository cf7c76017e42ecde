namespace Concierge.Browser.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright, shared by the whole run. Playwright's own browser download is never used
/// (it is not reachable from CI); <c>./test.sh</c> installs the <c>chromium</c> package. Without it, tests skip with a clear message.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("CONCIERGE_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    static Chromium()
    {
        // Live updates arrive in well under a second; 10 s leaves room for a busy 2-core CI machine.
        Assertions.SetDefaultExpectTimeout(10_000);
    }

    /// <summary>The shared browser; skips the calling test when Chromium is not installed.</summary>
    public async Task<IBrowser> Browser()
    {
        Assert.SkipUnless(File.Exists(ExecutablePath),
            $"Chromium is not installed at {ExecutablePath} (apt-get install chromium fonts-wqy-zenhei, or run ./test.sh which does it).");
        await _gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (_browser is { IsConnected: true }) return _browser;
            _playwright ??= await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                ],
            });
            return _browser;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        _gate.Dispose();
    }
}
