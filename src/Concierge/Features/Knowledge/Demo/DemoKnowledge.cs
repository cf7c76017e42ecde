using System.Text.Json;
using Concierge.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Features.Knowledge.Demo;

/// <summary>
/// Seeds the demo company's bilingual knowledge base (demo-knowledge.json, written by us: FAQs on orders, shipping,
/// returns, refunds, payment, account, invoices, membership, complaints …, each with Chinese and English phrasings and
/// answers) into an empty knowledge base, published.
/// </summary>
internal static class DemoKnowledge
{
    private sealed record File(int Version, List<Faq> Faqs);
    private sealed record Faq(string Id, string Category, List<string>? Tags, Dictionary<string, List<string>> Questions, Dictionary<string, string> Answer);

    public static async Task<int> Seed(ConciergeDb db, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.Set<KnowledgeItem>().AnyAsync(ct)) return 0;
        await using var stream = typeof(DemoKnowledge).Assembly.GetManifestResourceStream("Concierge.Features.Knowledge.Demo.demo-knowledge.json")
            ?? throw new InvalidOperationException("The demo knowledge base resource is missing.");
        var file = await JsonSerializer.DeserializeAsync<File>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web), ct)
            ?? throw new InvalidOperationException("The demo knowledge base is empty.");
        foreach (var faq in file.Faqs)
        {
            var item = KnowledgeItem.Create(faq.Id, faq.Category, now, "demo");
            item.Describe(null, string.Join(',', faq.Tags ?? []), null, null, null, now);
            foreach (var (language, questions) in faq.Questions)
                for (var i = 0; i < questions.Count; i++) item.AddPhrasing(questions[i], language, "editor", now, standard: i == 0);
            foreach (var (language, answer) in faq.Answer) item.SetAnswer(language, answer, now);
            item.Publish("demo", now);
            db.Add(item);
        }
        await db.SaveChangesAsync(ct);
        return file.Faqs.Count;
    }
}
