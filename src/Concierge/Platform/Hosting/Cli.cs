using Concierge.Platform.Data;
using Concierge.Platform.Events;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Platform.Hosting;

/// <summary>Command-line verbs besides serving.</summary>
internal static class Cli
{
    /// <summary>
    /// `dotnet run --project src/Concierge -- eval …` starts the app in the project folder, so a relative path typed in the
    /// repository root would not be found. The shell's own folder is still in $PWD: resolve relative paths there.
    /// </summary>
    public static int Eval(string[] args)
    {
        var shell = Environment.GetEnvironmentVariable("PWD");
        var resolved = args.Select((a, i) =>
            i > 0 && args[i - 1].StartsWith("--", StringComparison.Ordinal) && !Path.IsPathRooted(a) && !File.Exists(a)
            && shell is not null && File.Exists(Path.Combine(shell, a)) ? Path.Combine(shell, a) : a).ToArray();
        return Concierge.Nlp.Evaluation.EvalRunner.Run(resolved, Console.Out, Console.Error);
    }

    /// <summary>Prints the full schema for a provider, from the EF model. Migrations are written from its output.</summary>
    public static int DbScript(string[] args)
    {
        var provider = args.FirstOrDefault() ?? "sqlite";
        var options = new DbContextOptionsBuilder<ConciergeDb>();
        DataModule.Configure(options, new ConciergeOptions
        {
            DataDir = Path.GetTempPath(),
            Database = new DatabaseOptions
            {
                Provider = provider,
                ConnectionString = provider == "sqlite" ? "Data Source=:memory:" : "Host=localhost;Database=concierge",
            },
        });
        using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        using var db = new ConciergeDb(options.Options, new EventDispatcher(services, services.GetRequiredService<ILogger<EventDispatcher>>()));
        Console.WriteLine(db.Database.GenerateCreateScript());
        return 0;
    }
}
