using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Concierge.Nlp.Evaluation;

namespace Concierge.Benchmarks;

/// <summary>
/// The bot judged the way a company (or the maintainers) would judge it: questions asked through the app API of a running
/// server, one new customer each, and the bot's recorded decision read back from its explanation
/// (`GET /api/v1/conversations/{id}/bot-turns`). Unlike `eval faq`, this is the whole turn — hand-off rules, small talk,
/// skills, articles, then the FAQ match. Input: CSV `text,faq_id` where faq_id is the expected FAQ key, `none` (should not
/// be answered) or `handoff` (should go to a person). Prints one JSON line:
/// {"answerable","answered_right","none","none_rejected","handoff","handoff_detected","wrong":[…]} (rates in %).
///   bot-eval --url http://127.0.0.1:5080 --api-key K --admin-token T --queries questions.csv [--inbox ID] [--json]
/// </summary>
internal static class BotEval
{
    public static async Task<int> Run(string[] args)
    {
        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var url = new Uri(Arg("--url") ?? "http://127.0.0.1:5080");
        if (!url.IsLoopback) { Console.Error.WriteLine("bot-eval: only loopback targets are allowed."); return 2; }
        if (Arg("--queries") is not { } file) { Console.Error.WriteLine("bot-eval: --queries FILE (CSV text,faq_id) is required."); return 2; }
        List<(int Line, string[] Values)> rows;
        try
        {
            using var reader = DelimitedReader.OpenText(file);
            rows = DelimitedReader.ReadCsv(reader, file, "text", "faq_id");
        }
        catch (Exception e) when (e is DatasetFormatException or IOException) { Console.Error.WriteLine($"bot-eval: {e.Message}"); return 2; }

        using var app = Client(url, Arg("--api-key") ?? "ck_demo_app_4f7c2e9a");
        using var admin = Client(url, Arg("--admin-token") ?? "cat_demo_admin_8b1d5f3e");
        var inbox = Arg("--inbox") ?? (await app.GetFromJsonAsync<JsonElement>("/api/v1/inbox")).GetProperty("id").GetString();
        var run = Guid.NewGuid().ToString("N")[..8];
        int answerable = 0, right = 0, none = 0, rejected = 0, handoff = 0, handedOff = 0;
        var wrong = new List<object>();
        foreach (var (line, values) in rows)
        {
            var (text, expected) = (values[0], values[1]);
            var sent = await (await app.PostAsJsonAsync($"/api/v1/inboxes/{inbox}/messages",
                new { customer = new { externalId = $"bot-eval-{run}-{line}" }, text })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
            var turns = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{sent.GetProperty("conversationId").GetString()}/bot-turns");
            var turn = turns.GetArrayLength() > 0 ? turns[0] : default;
            var action = turn.ValueKind == JsonValueKind.Object ? turn.GetProperty("action").GetString() : "none";
            var key = turn.ValueKind == JsonValueKind.Object && turn.GetProperty("faqKey").ValueKind == JsonValueKind.String ? turn.GetProperty("faqKey").GetString() : null;
            bool ok;
            if (expected == "none") { none++; ok = action != "answer"; if (ok) rejected++; }
            else if (expected == "handoff") { handoff++; ok = action == "handoff"; if (ok) handedOff++; }
            else { answerable++; ok = action == "answer" && key == expected; if (ok) right++; }
            if (!ok) wrong.Add(new { line, text, expected, action, faq = key });
        }
        static double Pct(int a, int b) => b == 0 ? 0 : Math.Round(100.0 * a / b, 2);
        var result = new Dictionary<string, object>
        {
            ["answerable"] = answerable, ["answered_right"] = Pct(right, answerable),
            ["none"] = none, ["none_rejected"] = Pct(rejected, none),
            ["handoff"] = handoff, ["handoff_detected"] = Pct(handedOff, handoff),
            ["wrong"] = wrong,
        };
        if (!args.Contains("--json"))
            foreach (var w in wrong) Console.WriteLine(JsonSerializer.Serialize(w, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        return 0;
    }

    private static HttpClient Client(Uri url, string token)
    {
        var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
