using Concierge.Platform.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Concierge.Platform.Data;

public static class DataModule
{
    /// <summary>Registers the DbContext on SQLite (default, a file in the data folder) or PostgreSQL (by configuration).</summary>
    public static IServiceCollection AddData(this IServiceCollection services)
    {
        services.AddDbContext<ConciergeDb>((sp, options) =>
        {
            var settings = sp.GetRequiredService<IOptions<ConciergeOptions>>().Value;
            Configure(options, settings);
        });
        services.AddScoped<SchemaMigrator>();
        return services;
    }

    private static readonly SqliteConnectionSettings ConnectionSettings = new();

    public static void Configure(DbContextOptionsBuilder options, ConciergeOptions settings)
    {
        switch (settings.Database.Provider.ToLowerInvariant())
        {
            case "postgres" or "postgresql" or "npgsql":
                if (string.IsNullOrWhiteSpace(settings.Database.ConnectionString))
                    throw new InvalidOperationException("Concierge:Database:ConnectionString is required for the postgres provider.");
                options.UseNpgsql(settings.Database.ConnectionString);
                break;
            case "sqlite":
                var connection = settings.Database.ConnectionString;
                if (string.IsNullOrWhiteSpace(connection))
                    connection = $"Data Source={Path.Combine(DataFolder.Resolve(settings), "concierge.db")};Default Timeout=30;Pooling=True";
                options.UseSqlite(connection).AddInterceptors(ConnectionSettings);
                break;
            default:
                throw new InvalidOperationException(
                    $"Concierge:Database:Provider '{settings.Database.Provider}' is not supported; use 'sqlite' or 'postgres'.");
        }
    }
}
