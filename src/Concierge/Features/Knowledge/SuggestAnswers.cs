namespace Concierge.Features.Knowledge;

public sealed record SuggestedAnswer(string Key, string Question, string Answer, float Score);

/// <summary>The knowledge base's best answers for a question: what agents see beside a chat, one click to insert.</summary>
public sealed class SuggestAnswers(KnowledgeIndex index)
{
    public async Task<IReadOnlyList<SuggestedAnswer>> Handle(string? question, string language, string channel, int k, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(question)) return [];
        var snapshot = await index.Ready(ct);
        var suggestions = snapshot.Index is null ? [] : snapshot.Search(question, k)!.Candidates
            .Where(c => snapshot.Faqs.ContainsKey(c.FaqId))
            .Select(c => snapshot.Faqs[c.FaqId] is var f ? new SuggestedAnswer(f.Key, f.Question(language), f.Answer(language, channel) ?? "", c.Score) : null!)
            .ToList();
        // The article window that holds the question best, with its passage as the answer to insert (articles are not
        // among the FAQ candidates), ranked by how much of the question it holds.
        if (snapshot.FindPassage(question, language) is { } passage && snapshot.Faqs.ContainsKey(passage.Key))
        {
            suggestions.Add(new SuggestedAnswer(passage.Key, passage.Title, passage.Excerpt, passage.Coverage));
            suggestions = [.. suggestions.OrderByDescending(s => s.Score).Take(k)];
        }
        return suggestions;
    }
}
