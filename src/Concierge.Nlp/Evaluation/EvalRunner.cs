using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Concierge.Nlp.Evaluation;

/// <summary>
/// The <c>concierge eval …</c> command: trains on a company's own files and reports figures. Output ends with one
/// JSON object on the last line of stdout (rates as percentages 0–100). Exit codes: 0 ok, 1 usage, 2 bad input file.
/// </summary>
public static class EvalRunner
{
    private const string Usage = """
        usage: eval intents   --train T.csv --test S.csv [--json]      (text,label; label oos = out of scope)
               eval sentiment --train T.csv --test S.csv [--json]      (text,label)
               eval faq       --kb kb.csv --queries q.csv [--json] [--lexical-only]
                                                               (faq_id,question,is_standard / text,faq_id; none = unanswerable;
                                                                --lexical-only = the plain BM25 baseline)
               eval pairs     --train dev.tsv --test test.tsv [--json] (text_a<TAB>text_b<TAB>label, plain or .gz)
        """;

    /// <summary>Runs the command; <paramref name="args"/> are the words after <c>eval</c>.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0) { stderr.WriteLine(Usage); return 1; }
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) { stderr.WriteLine($"unexpected argument '{args[i]}'"); stderr.WriteLine(Usage); return 1; }
            var key = args[i][2..];
            if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal)) options[key] = args[++i];
            else options[key] = "true";
        }
        string Need(string key) => options.TryGetValue(key, out var v) ? v : throw new UsageException($"missing --{key}");
        try
        {
            var figures = args[0] switch
            {
                "intents" => IntentEvaluation.Run(Need("train"), Need("test"), stdout),
                "sentiment" => SentimentEvaluation.Run(Need("train"), Need("test"), stdout),
                "faq" => FaqEvaluation.Run(Need("kb"), Need("queries"), options.ContainsKey("lexical-only"), stdout),
                "pairs" => PairEvaluation.Run(Need("train"), Need("test"), stdout),
                _ => throw new UsageException($"unknown evaluation '{args[0]}'"),
            };
            stdout.WriteLine(ToJson(figures));
            return 0;
        }
        catch (UsageException e) { stderr.WriteLine(e.Message); stderr.WriteLine(Usage); return 1; }
        catch (DatasetFormatException e) { stderr.WriteLine($"error: {e.Message}"); return 2; }
    }

    internal static string ToJson(IEnumerable<KeyValuePair<string, double>> figures)
    {
        var sb = new StringBuilder("{");
        var first = true;
        foreach (var (k, v) in figures)
        {
            if (!first) sb.Append(", ");
            first = false;
            sb.Append('"').Append(k).Append("\": ").Append(Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture));
        }
        return sb.Append('}').ToString();
    }

    internal static double Seconds(Stopwatch sw) => sw.Elapsed.TotalSeconds;

    private sealed class UsageException(string message) : Exception(message);
}
