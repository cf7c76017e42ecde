using Concierge.Platform.Data;

namespace Concierge.Platform.Hosting;

internal static class Startup
{
    /// <summary>Default address when neither --urls, ASPNETCORE_URLS nor "urls" configuration gives one.</summary>
    public static void UseUrlsIfUnset(this IWebHostBuilder host, IConfiguration configuration, string url)
    {
        if (string.IsNullOrEmpty(configuration["urls"]) && string.IsNullOrEmpty(configuration["ASPNETCORE_URLS"])) host.UseUrls(url);
    }

    /// <summary>Upgrade the schema in place, then seed the demo company on an empty database.</summary>
    public static async Task PrepareDatabase(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<SchemaMigrator>().Migrate(CancellationToken.None);
        await ActivatorUtilities.CreateInstance<DemoData>(scope.ServiceProvider).Apply(CancellationToken.None);
    }
}
