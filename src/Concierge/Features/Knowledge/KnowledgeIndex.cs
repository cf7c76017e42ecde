using System.Threading.Channels;
using Concierge.Nlp.Retrieval;
using Concierge.Platform.Data;
using Concierge.Platform.Events;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Features.Knowledge;

/// <summary>A published FAQ as the bot sees it.</summary>
public sealed record LiveFaq(Guid Id, string Key, string Category, IReadOnlyDictionary<string, string> StandardQuestions,
    IReadOnlyList<(string Language, string Channel, string Body)> Answers)
{
    /// <summary>The answer for a language and channel: exact first, then any channel, then any language.</summary>
    public string? Answer(string language, string channel) =>
        Pick(a => a.Language == language && a.Channel == channel) ?? Pick(a => a.Language == language && a.Channel == "*")
        ?? Pick(a => a.Language == "*" && a.Channel == channel) ?? Pick(a => a.Language == "*" && a.Channel == "*")
        ?? Pick(_ => true);

    private string? Pick(Func<(string Language, string Channel, string Body), bool> match) =>
        Answers.Where(match).Select(a => a.Body).FirstOrDefault(b => !string.IsNullOrWhiteSpace(b));

    public string Question(string language) =>
        StandardQuestions.GetValueOrDefault(language) ?? StandardQuestions.Values.FirstOrDefault() ?? Key;
}

/// <summary>The searchable snapshot of everything published: immutable, swapped atomically on every change.</summary>
public sealed record KnowledgeSnapshot(FaqIndex? Index, IReadOnlyDictionary<string, LiveFaq> Faqs, long Version, DateTimeOffset BuiltAt)
{
    public static readonly KnowledgeSnapshot Empty = new(null, new Dictionary<string, LiveFaq>(), 0, DateTimeOffset.MinValue);

    /// <summary>Article sections by language, searched in their full text when no FAQ answers.</summary>
    public IReadOnlyDictionary<string, PassageIndex> Passages { get; init; } = new Dictionary<string, PassageIndex>();

    /// <summary>The article window that answers <paramref name="text"/> in <paramref name="language"/>, if one covers it well enough.</summary>
    public PassageHit? FindPassage(string text, string language) => Passages.GetValueOrDefault(language)?.Find(text);

    private const int HotCapacity = 20_000;
    // Hot answers: customers ask the same few questions all day. Results belong to this snapshot, so a rebuild starts
    // a fresh cache and nothing stale is ever served.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, int), FaqSearchResult> _hot = new();

    public FaqSearchResult? Search(string text, int k)
    {
        if (Index is null) return null;
        var key = (text.Trim(), k);
        if (_hot.TryGetValue(key, out var cached)) return cached;
        var result = Index.Search(text, k);
        if (_hot.Count >= HotCapacity) _hot.Clear();
        _hot[key] = result;
        return result;
    }
}

/// <summary>
/// Keeps the bot's FAQ index in step with the published knowledge base. A change (publish, archive, import) asks for a
/// rebuild; rebuilds run one at a time off the request path and bursts of changes are coalesced into one. Readers always
/// see a complete snapshot. Use cases that must see their change live (import, publish) await <see cref="Rebuild"/>.
/// </summary>
public sealed class KnowledgeIndex(IServiceScopeFactory scopes, TimeProvider clock, ILogger<KnowledgeIndex> log) : BackgroundService
{
    private readonly Channel<TaskCompletionSource> _requests = Channel.CreateUnbounded<TaskCompletionSource>();
    private readonly TaskCompletionSource _firstBuild = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private KnowledgeSnapshot _current = KnowledgeSnapshot.Empty;
    private long _version;

    public KnowledgeSnapshot Current => Volatile.Read(ref _current);

    /// <summary>The current snapshot, waiting (a bounded time) for the first build after start.</summary>
    public async Task<KnowledgeSnapshot> Ready(CancellationToken ct)
    {
        if (!_firstBuild.Task.IsCompleted) await _firstBuild.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        return Current;
    }

    /// <summary>Rebuild and wait until the new snapshot is live.</summary>
    public Task Rebuild()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _requests.Writer.TryWrite(done);
        return done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _requests.Writer.TryWrite(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        while (await _requests.Reader.WaitToReadAsync(stoppingToken))
        {
            var waiting = new List<TaskCompletionSource>();
            while (_requests.Reader.TryRead(out var r)) waiting.Add(r);
            try
            {
                var snapshot = await Build(stoppingToken);
                Volatile.Write(ref _current, snapshot);
                _firstBuild.TrySetResult();
                foreach (var w in waiting) w.TrySetResult();
                log.LogInformation("Knowledge index v{Version}: {Faqs} FAQs, {Phrasings} phrasings", snapshot.Version, snapshot.Faqs.Count, snapshot.Index?.PhrasingCount ?? 0);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Keep serving the previous snapshot; the next change tries again.
                log.LogError(ex, "Rebuilding the knowledge index failed");
                _firstBuild.TrySetResult();
                foreach (var w in waiting) w.TrySetException(ex);
            }
        }
    }

    private async Task<KnowledgeSnapshot> Build(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ConciergeDb>();
        var now = clock.GetUtcNow();
        var items = (await db.Set<KnowledgeItem>().AsNoTracking().AsSplitQuery()
            .Include(k => k.Phrasings).Include(k => k.Answers)
            .Where(k => k.Status == KnowledgeStatus.Published).ToListAsync(ct))
            .Where(k => k.IsLive(now))
            // The same knowledge base must give the same bot on every start and database: training depends on the order of
            // the examples, and neither SQLite nor PostgreSQL promises one without ORDER BY.
            .OrderBy(k => k.Key, StringComparer.Ordinal).ToList();

        var faqs = items.ToDictionary(k => k.Key, k => new LiveFaq(k.Id, k.Key, k.Category,
            k.Phrasings.GroupBy(p => p.Language).ToDictionary(g => g.Key, g => (g.FirstOrDefault(p => p.IsStandard) ?? g.First()).Text),
            k.Answers.Select(a => (a.Language, a.Channel, a.Body)).ToList()));
        // Only FAQs are matched by their phrasings. An article section's "question" is its heading — a topic ("空气净化器",
        // "Washing machine"), not a question — and as a phrasing it out-ranked the FAQ a customer meant ("空气净化器保修多久"
        // got the filter-care section): articles answer from their text instead (passages below).
        var faqItems = items.Where(k => !KnowledgeItem.IsArticleKey(k.Key)).ToList();
        var entries = faqItems.SelectMany(k => k.Phrasings.OrderByDescending(p => p.IsStandard).ThenBy(p => p.Language, StringComparer.Ordinal)
            .ThenBy(p => p.Text, StringComparer.Ordinal).Select(p => new FaqEntry(k.Key, p.Text, p.IsStandard))).ToList();
        // Building learns the ranker from the knowledge base itself: CPU-bound, so off the thread pool's request threads.
        var index = entries.Count == 0 ? null : await Task.Run(() => FaqIndex.Build(entries), ct);
        // Articles (imported documents) are also searched in their text, one index per language.
        var passages = faqs.Values.Where(f => KnowledgeItem.IsArticleKey(f.Key))
            .SelectMany(f => f.Answers.Where(a => !string.IsNullOrWhiteSpace(a.Body))
                // An imported article's text is stored for every language ("*"): index it under the language it is written in.
                .Select(a => (Language: a.Language == "*" ? TextLanguage.Of(a.Body) : a.Language, Passage: new Passage(f.Key, f.Question(a.Language), a.Body))))
            .GroupBy(x => x.Language)
            .ToDictionary(g => g.Key, g => PassageIndex.Build(g.Select(x => x.Passage).DistinctBy(x => x.Key).ToList(),
                // Customers' questions in that language (the FAQs' phrasings, not the articles' headings) weigh the words
                // (see PassageIndex.Build).
                faqItems.SelectMany(k => k.Phrasings).Where(p => p.Language == g.Key).Select(p => p.Text)));
        return new KnowledgeSnapshot(index, faqs, Interlocked.Increment(ref _version), now) { Passages = passages };
    }
}

/// <summary>Published content changed: rebuild the index (coalesced with other changes).</summary>
internal sealed class RebuildKnowledgeIndex(KnowledgeIndex index) : IEventHandler<KnowledgeChanged>
{
    public Task Handle(KnowledgeChanged @event, CancellationToken ct)
    {
        _ = index.Rebuild();
        return Task.CompletedTask;
    }
}
