namespace Concierge.Nlp.Retrieval;

/// <summary>Options for <see cref="FaqIndex.Build"/>.</summary>
public sealed record FaqIndexOptions
{
    /// <summary>Seed for sampling the phrasings the ranker learns from; same KB and seed give the same index.</summary>
    public int Seed { get; init; } = 13;

    /// <summary>How many FAQs (by lexical score) the learned ranker re-scores per query.</summary>
    public int Rerank { get; init; } = 12;

    /// <summary>
    /// Overrides the learned "none of these" threshold on the best candidate's score (null = learn it from the
    /// knowledge base by holding phrasings and whole FAQs out).
    /// </summary>
    public float? NoneThreshold { get; init; }

    /// <summary>
    /// Rank by BM25 alone (words + character bigrams) with no learned ranker and no rejection — the plain lexical
    /// baseline, for comparing a knowledge base's figures.
    /// </summary>
    public bool LexicalOnly { get; init; }
}
