namespace Concierge.Nlp.Retrieval;

/// <summary>One phrasing of a knowledge-base entry: its standard question or one of its similar questions.</summary>
public sealed record FaqEntry(string FaqId, string Question, bool IsStandard);

/// <summary>A matching FAQ with its calibrated probability of being the right answer and the phrasing that matched best.</summary>
public sealed record FaqCandidate(string FaqId, float Score, string MatchedQuestion);

/// <summary>
/// Ranked candidates (best first) and the "none of these" decision: true when even the best candidate is unlikely
/// to answer the query, so the bot should not answer from the knowledge base.
/// </summary>
public sealed record FaqSearchResult(IReadOnlyList<FaqCandidate> Candidates, bool NoneOfThese);
