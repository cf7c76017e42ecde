using Concierge.Platform.Events;

namespace Concierge.Features.Knowledge;

public enum KnowledgeStatus { Draft = 0, InReview = 1, Published = 2, Archived = 3 }

/// <summary>
/// One FAQ: a standard question, any number of similar phrasings (in Chinese and/or English) and an answer per language
/// (optionally per channel). Review workflow: draft → in review → published (→ archived); only published items reach
/// customers; each publication keeps a version snapshot.
/// </summary>
public sealed class KnowledgeItem : Aggregate
{
    private readonly List<KnowledgePhrasing> _phrasings = [];
    private readonly List<KnowledgeAnswer> _answers = [];

    private KnowledgeItem() { }

    public Guid Id { get; private set; }
    /// <summary>The stable id used by imports (faq_id) and by the bot's explanations.</summary>
    public string Key { get; private set; } = "";
    public string Category { get; private set; } = "";
    /// <summary>Comma-separated tags.</summary>
    public string Tags { get; private set; } = "";
    public string ProductLine { get; private set; } = "";
    public KnowledgeStatus Status { get; private set; }
    /// <summary>Increments at every publication.</summary>
    public int Version { get; private set; }
    public string Owner { get; private set; } = "";
    public DateTimeOffset? ValidFrom { get; private set; }
    public DateTimeOffset? ValidTo { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }
    public IReadOnlyList<KnowledgePhrasing> Phrasings => _phrasings;
    public IReadOnlyList<KnowledgeAnswer> Answers => _answers;

    public string StandardQuestion => _phrasings.FirstOrDefault(p => p.IsStandard)?.Text ?? _phrasings.FirstOrDefault()?.Text ?? "";

    /// <summary>Sections of imported articles are items keyed "article:{document}#{section}".</summary>
    public const string ArticlePrefix = "article:";

    public static bool IsArticleKey(string key) => key.StartsWith(ArticlePrefix, StringComparison.Ordinal);

    public static KnowledgeItem Create(string key, string category, DateTimeOffset now, string owner = "") => new()
    {
        Id = Guid.CreateVersion7(now),
        Key = key.Trim(),
        Category = category.Trim(),
        Owner = owner,
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>Is it answerable right now (published and within its validity window)?</summary>
    public bool IsLive(DateTimeOffset now) =>
        Status == KnowledgeStatus.Published && (ValidFrom is null || ValidFrom <= now) && (ValidTo is null || ValidTo > now);

    public void Describe(string? category, string? tags, string? productLine, DateTimeOffset? validFrom, DateTimeOffset? validTo, DateTimeOffset now)
    {
        if (category is not null) Category = category.Trim();
        if (tags is not null) Tags = string.Join(',', tags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct());
        if (productLine is not null) ProductLine = productLine.Trim();
        ValidFrom = validFrom;
        ValidTo = validTo;
        Touch(now);
    }

    /// <summary>Adds a phrasing unless the same text is already there. The first phrasing becomes the standard question.</summary>
    public bool AddPhrasing(string text, string language, string source, DateTimeOffset now, bool? standard = null)
    {
        var clean = text.Trim();
        if (clean.Length == 0 || _phrasings.Any(p => string.Equals(p.Text, clean, StringComparison.OrdinalIgnoreCase))) return false;
        var isStandard = standard ?? !_phrasings.Any(p => p.IsStandard && p.Language == language);
        _phrasings.Add(new KnowledgePhrasing(Id, clean, language, isStandard, source));
        Touch(now);
        return true;
    }

    /// <summary>
    /// Keeps only the phrasings in <paramref name="texts"/> (case-insensitive) and makes <paramref name="standard"/> the
    /// standard question of its language — an import in replace mode, where the file is the FAQ's whole truth. Every
    /// language left keeps one standard question. Returns how many phrasings went; <paramref name="changed"/> also
    /// counts a new standard question.
    /// </summary>
    public int KeepOnlyPhrasings(IEnumerable<string> texts, string standard, DateTimeOffset now, out bool changed)
    {
        var keep = new HashSet<string>(texts.Select(t => t.Trim()), StringComparer.OrdinalIgnoreCase);
        var removed = _phrasings.RemoveAll(p => !keep.Contains(p.Text));
        changed = removed > 0;
        if (_phrasings.FirstOrDefault(p => string.Equals(p.Text, standard.Trim(), StringComparison.OrdinalIgnoreCase)) is { } first)
            foreach (var p in _phrasings.Where(p => p.Language == first.Language && p.IsStandard != (p == first)))
            {
                p.MarkStandard(p == first);
                changed = true;
            }
        foreach (var language in _phrasings.Select(p => p.Language).Distinct().ToList())
            if (!_phrasings.Any(p => p.Language == language && p.IsStandard))
            {
                _phrasings.First(p => p.Language == language).MarkStandard(true);
                changed = true;
            }
        if (changed) Touch(now);
        return removed;
    }

    public void ReplacePhrasings(IEnumerable<(string Text, string Language, bool Standard)> phrasings, DateTimeOffset now)
    {
        _phrasings.Clear();
        foreach (var (text, language, standard) in phrasings) AddPhrasing(text, language, "editor", now, standard);
        Touch(now);
    }

    /// <summary>Sets the answer for a language ("zh", "en" or "*" for any) and channel ("*" for all).</summary>
    public void SetAnswer(string language, string body, DateTimeOffset now, string channel = "*")
    {
        var existing = _answers.FirstOrDefault(a => a.Language == language && a.Channel == channel);
        if (existing is null) _answers.Add(new KnowledgeAnswer(Id, language, channel, body.Trim()));
        else existing.Body = body.Trim();
        Touch(now);
    }

    /// <summary>The one answer for every language and channel (an import's answer column): replaces all variants.</summary>
    public void ReplaceAnswers(string body, DateTimeOffset now)
    {
        _answers.Clear();
        _answers.Add(new KnowledgeAnswer(Id, "*", "*", body.Trim()));
        Touch(now);
    }

    public Result SubmitForReview(DateTimeOffset now)
    {
        if (Status is not (KnowledgeStatus.Draft or KnowledgeStatus.Published)) return Result.Conflict("Only a draft or a published item can be sent to review.");
        if (Validate() is { } invalid) return invalid;
        Status = KnowledgeStatus.InReview;
        Touch(now);
        return Result.Ok();
    }

    public Result Publish(string by, DateTimeOffset now)
    {
        if (Status == KnowledgeStatus.Archived) return Result.Conflict("An archived item must be restored to draft first.");
        if (Validate() is { } invalid) return invalid;
        Status = KnowledgeStatus.Published;
        Version++;
        PublishedAt = now;
        Touch(now);
        Raise(new KnowledgeChanged(Id, Key, by));
        return Result.Ok();
    }

    /// <summary>Editing a published item makes a new draft; customers keep getting the published version's index until it is republished.</summary>
    public void BackToDraft(DateTimeOffset now)
    {
        if (Status == KnowledgeStatus.Draft) return;
        var wasLive = Status == KnowledgeStatus.Published;
        Status = KnowledgeStatus.Draft;
        Touch(now);
        if (wasLive) Raise(new KnowledgeChanged(Id, Key, "draft"));
    }

    public Result Archive(DateTimeOffset now)
    {
        if (Status == KnowledgeStatus.Archived) return Result.Ok();
        var wasLive = Status == KnowledgeStatus.Published;
        Status = KnowledgeStatus.Archived;
        Touch(now);
        if (wasLive) Raise(new KnowledgeChanged(Id, Key, "archive"));
        return Result.Ok();
    }

    private Result? Validate()
    {
        if (_phrasings.Count == 0) return Result.Invalid("questions", "A knowledge item needs at least a standard question.");
        if (_answers.Count == 0 || _answers.All(a => string.IsNullOrWhiteSpace(a.Body))) return Result.Invalid("answer", "A knowledge item needs an answer.");
        return null;
    }

    private void Touch(DateTimeOffset now) => UpdatedAt = now;
}

public sealed class KnowledgePhrasing
{
    private KnowledgePhrasing() { }

    internal KnowledgePhrasing(Guid itemId, string text, string language, bool isStandard, string source)
    {
        Id = Guid.CreateVersion7();
        ItemId = itemId;
        Text = text;
        Language = language;
        IsStandard = isStandard;
        Source = source;
    }

    public Guid Id { get; private set; }
    public Guid ItemId { get; private set; }
    public string Text { get; private set; } = "";
    /// <summary>"zh" or "en".</summary>
    public string Language { get; private set; } = "zh";
    public bool IsStandard { get; private set; }
    /// <summary>Where it came from: import, editor, learned (from a customer question via the review loop).</summary>
    public string Source { get; private set; } = "editor";

    internal void MarkStandard(bool standard) => IsStandard = standard;
}

public sealed class KnowledgeAnswer
{
    private KnowledgeAnswer() { }

    internal KnowledgeAnswer(Guid itemId, string language, string channel, string body)
    {
        Id = Guid.CreateVersion7();
        ItemId = itemId;
        Language = language;
        Channel = channel;
        Body = body;
    }

    public Guid Id { get; private set; }
    public Guid ItemId { get; private set; }
    public string Language { get; private set; } = "*";
    public string Channel { get; private set; } = "*";
    public string Body { get; set; } = "";
}

/// <summary>Published content changed: the bot's index must be rebuilt.</summary>
public sealed record KnowledgeChanged(Guid ItemId, string Key, string By) : IDomainEvent;

/// <summary>Which language a short text is in, for phrasings and answers.</summary>
internal static class TextLanguage
{
    public static string Of(string text) => Conversations.LanguageGuess.Of(text);
}
