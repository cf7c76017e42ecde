using Concierge.Platform.Data;
using Concierge.Platform.Events;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Platform.Hosting;

/// <summary>Command-line verbs besides serving.</summary>
internal static class Cli
{
    public static int Eval(string[] args) => Concierge.Nlp.Evaluation.EvalRunner.Run(args, Console.Out, Console.Error);

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
