using BenchmarkDotNet.Running;
using Concierge.Benchmarks;
using Concierge.Nlp.Evaluation;

// One entry point, one case per subcommand: add yours as another arm.
var rest = args.Length > 1 ? args[1..] : [];
switch (args.Length > 0 ? args[0] : "")
{
    case "engine":
        BenchmarkSwitcher.FromTypes(EngineBenchmarks.All).Run(rest.Length > 0 ? rest : ["--filter", "*"]);
        return 0;
    case "latency":
        return Latency.Run();
    case "faqsets":
        return FaqDevSets.Run(rest);
    case "eval":
        return EvalRunner.Run(rest, Console.Out, Console.Error);
    case "load":
        return await LoadDriver.Run(rest);
    case "bot-eval":
        return await BotEval.Run(rest);
    case "routing":
        // `routing bdn [BenchmarkDotNet args]` runs RoutingBenchmarks; anything else is the scripted scenario.
        if (rest.Length > 0 && rest[0] == "bdn")
        {
            BenchmarkSwitcher.FromTypes([typeof(RoutingBenchmarks)]).Run(rest.Length > 1 ? rest[1..] : ["--filter", "*"]);
            return 0;
        }
        return RoutingScenario.Run(rest);
    default:
        Console.Error.WriteLine("usage: Concierge.Benchmarks <engine|latency|eval> [args…]");
        Console.Error.WriteLine("  engine [BenchmarkDotNet args]            micro-benchmarks of the language engine");
        Console.Error.WriteLine("  latency                                  p50/p99 of single intent predictions and FAQ searches");
        Console.Error.WriteLine("  eval <intents|sentiment|faq|pairs> …     the same evaluation the app's `eval` verb runs");
        Console.Error.WriteLine("  load --url U --api-key K --conversations N --seconds S [--baseline-seconds B] [--target turn|health] [--json]");
        Console.Error.WriteLine("  bot-eval --url U --api-key K --admin-token T --queries Q.csv [--json]   the whole bot turn through the app API");
        Console.Error.WriteLine("  routing [--agents 1000] [--skills 50] [--waiting 10000] [--rounds 100000] [--seed 42] [--json]   scripted routing scenario");
        Console.Error.WriteLine("  routing bdn [BenchmarkDotNet args]       routing micro-benchmarks (RoutingBenchmarks)");
        Console.Error.WriteLine("  faqsets OUTPUT_FOLDER                    derive FAQ dev sets from the public datasets (outside the repo)");
        return 1;
}
