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
        SeedArticles(db, now);
        await db.SaveChangesAsync(ct);
        return file.Faqs.Count;
    }

    /// <summary>
    /// The demo's appliance care guide (Articles/care-guide-{zh,en}.md, Chinese and English, written by us), read like an imported Markdown
    /// document: one published item per section, found by its heading and answered from its text (the passage path).
    /// </summary>
    private static void SeedArticles(ConciergeDb db, DateTimeOffset now)
    {
        var assembly = typeof(DemoKnowledge).Assembly;
        const string prefix = "Concierge.Features.Knowledge.Demo.Articles.";
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order())
        {
            // care-guide-zh.md (not care-guide.zh.md: MSBuild would take ".zh" for a culture and make a satellite assembly).
            var name = resource[prefix.Length..^".md".Length];
            var language = name.EndsWith("-en", StringComparison.Ordinal) ? "en" : "zh";
            using var stream = assembly.GetManifestResourceStream(resource)!;
            foreach (var article in Documents.ArticleItems(name, Documents.ReadArticle(stream, ".md")))
            {
                var item = KnowledgeItem.Create(article.Key, "article", now, "demo");
                for (var q = 0; q < article.Questions.Count; q++) item.AddPhrasing(article.Questions[q], language, "editor", now, standard: q == 0);
                item.SetAnswer(language, article.Text, now);
                item.Publish("demo", now);
                db.Add(item);
            }
        }
    }
}
