using System.Security.Claims;
using System.Text.Json;
using Concierge.Features.Agents;
using Concierge.Features.Bot;
using Concierge.Features.Conversations;
using Concierge.Nlp.Keywords;
using Concierge.Platform.Data;
using Concierge.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Features.Knowledge.Analytics;

/// <summary>What customers asked the bot over a period and how well the knowledge base served them.</summary>
public sealed record SearchAnalytics(int Days, Guid? InboxId, DateTimeOffset Since, SearchTotals Totals,
    IReadOnlyList<FrequentQuestion> FrequentQuestions, IReadOnlyList<CategoryStats> Categories, IReadOnlyList<UnhelpfulFaq> UnhelpfulFaqs);

/// <param name="KnowledgeTurns">Turns that went to the knowledge base (answered + clarified + not answered).</param>
/// <param name="AnswerRate">Answered ÷ knowledge turns (0 when there were none).</param>
public sealed record SearchTotals(int BotTurns, int KnowledgeTurns, int Answered, int Clarified, int Fallback, int HandedOff, double AnswerRate);

/// <param name="FaqKey">The FAQ these questions were mostly answered with (or, if none was, the nearest candidate).</param>
public sealed record FrequentQuestion(string Representative, int Count, int Answered, IReadOnlyList<string> Examples, string? FaqKey, string? FaqQuestion);

/// <param name="Category">The category of the FAQ the bot answered with, or of its best candidate; "" when there was none.</param>
public sealed record CategoryStats(string Category, int Turns, int Answered, int Unanswered, double AnsweredRate, double UnansweredRate);

public sealed record UnhelpfulFaq(string FaqKey, string Question, string Category, int Shown, int Helpful, int NotHelpful, double UnhelpfulRate);

/// <summary>
/// Search analytics over the bot's own records (<c>bot_turns</c>, the customer questions they answered and the thumbs on the
/// bot's answers): the most frequent questions, answered and unanswered rates per category, and the FAQs customers often
/// see but vote unhelpful. Read-only and bounded: the period is at most 90 days and at most <see cref="MaxTurns"/> turns.
/// </summary>
public sealed class GetSearchAnalytics(ConciergeDb db, Access access, TimeProvider clock)
{
    public const int MaxTurns = 20_000;
    /// <summary>Grouping is quadratic in the worst case; the most recent questions are representative enough.</summary>
    private const int MaxGrouped = 3_000;
    public const int MinVotes = 3;

    public sealed record Query(int? Days = null, Guid? InboxId = null);

    private sealed record Turn(Guid MessageId, Guid ConversationId, long Seq, string Action, string? FaqKey, string CandidatesJson, string Body)
    {
        public bool Answered => Action == "answer";
        /// <summary>Not answered: the honest "not sure", or the hand-off after a second failure (it has candidates).</summary>
        public bool Unanswered => Action == "fallback" || (Action == "handoff" && CandidatesJson.Length > 2);
        public bool Knowledge => Answered || Unanswered || Action == "clarify";
    }

    public static bool CanView(ClaimsPrincipal actor) => Access.Role(actor) is Roles.Admin or Roles.Supervisor or Roles.KnowledgeEditor;

    public async Task<Result<SearchAnalytics>> Handle(Query query, ClaimsPrincipal actor, CancellationToken ct)
    {
        if (!CanView(actor)) return Result<SearchAnalytics>.From(Result.Forbidden("Search analytics need an admin, supervisor or editor role."));
        var days = query.Days ?? 7;
        if (days is < 1 or > 90) return Result<SearchAnalytics>.From(Result.Invalid("days", "days must be between 1 and 90."));
        if (query.InboxId is { } inbox && !await access.CanSeeInbox(actor, inbox, ct))
            return Result<SearchAnalytics>.From(Result.NotFound("Inbox not found."));

        var since = clock.GetUtcNow().AddDays(-days);
        var inboxId = query.InboxId;
        var turns = await (
                from t in db.Set<BotTurnRecord>().AsNoTracking()
                join m in db.Messages.AsNoTracking() on t.MessageId equals m.Id
                where t.CreatedAt >= since && (inboxId == null || m.InboxId == inboxId)
                orderby t.CreatedAt descending
                select new Turn(t.MessageId, t.ConversationId, m.Seq, t.Action, t.FaqKey, t.CandidatesJson, m.Body))
            .Take(MaxTurns).ToListAsync(ct);

        var faqs = (await db.Set<KnowledgeItem>().AsNoTracking()
                .Select(k => new { k.Key, k.Category, Questions = k.Phrasings.Where(p => p.IsStandard).Select(p => new { p.Language, p.Text }).ToList() })
                .ToListAsync(ct))
            .ToDictionary(k => k.Key, k => new Faq(k.Category, k.Questions.ToDictionary(q => q.Language, q => q.Text)));
        string? QuestionOf(string? key, IEnumerable<Turn> asked) => key is not null && faqs.TryGetValue(key, out var f) ? f.QuestionIn(asked) : null;

        var knowledge = turns.Where(t => t.Knowledge).ToList();
        var answered = knowledge.Count(t => t.Answered);
        var totals = new SearchTotals(turns.Count, knowledge.Count, answered, knowledge.Count(t => t.Action == "clarify"),
            turns.Count(t => t.Action == "fallback"), turns.Count(t => t.Action == "handoff"), Rate(answered, knowledge.Count));

        // Most frequent questions: what customers asked the knowledge base, grouped by similarity as the learning loop does.
        var recent = knowledge.Take(MaxGrouped).ToList();
        var frequent = QuestionGrouper.Default.Group(recent.Select(t => t.Body).ToList())
            .Select(g =>
            {
                var members = g.Members.Select(i => recent[i]).ToList();
                var key = members.Where(m => m.Answered).GroupBy(m => m.FaqKey).OrderByDescending(k => k.Count()).Select(k => k.Key).FirstOrDefault()
                          ?? members.Select(m => TopCandidate(m.CandidatesJson)).Where(k => k is not null).GroupBy(k => k)
                              .OrderByDescending(k => k.Count()).Select(k => k.Key).FirstOrDefault();
                return new FrequentQuestion(g.Representative, members.Count, members.Count(m => m.Answered),
                    members.Select(m => m.Body).Distinct().Take(5).ToList(), key, QuestionOf(key, members));
            })
            .OrderByDescending(q => q.Count).ThenBy(q => q.Representative, StringComparer.Ordinal).Take(20).ToList();

        // Per category: the answered FAQ's category, or the nearest candidate's when the bot did not answer.
        var categories = knowledge
            .GroupBy(t => (t.Answered ? t.FaqKey : TopCandidate(t.CandidatesJson)) is { } k && faqs.TryGetValue(k, out var f) ? f.Category : "")
            .Select(g =>
            {
                int turnsIn = g.Count(), yes = g.Count(t => t.Answered), no = g.Count(t => t.Unanswered);
                return new CategoryStats(g.Key, turnsIn, yes, no, Rate(yes, turnsIn), Rate(no, turnsIn));
            })
            .OrderByDescending(c => c.Turns).ThenBy(c => c.Category, StringComparer.Ordinal).ToList();

        return Result<SearchAnalytics>.Ok(new SearchAnalytics(days, inboxId, since, totals, frequent, categories,
            await Unhelpful(turns, since, inboxId, faqs, ct)));
    }

    /// <summary>
    /// FAQs shown (answered with) and the thumbs on those answers. A vote sits on the bot's reply; it belongs to the turn
    /// of the customer message just before it in the same conversation (as <c>LearnFromCustomers.Rate</c> reads it).
    /// </summary>
    private async Task<IReadOnlyList<UnhelpfulFaq>> Unhelpful(List<Turn> turns, DateTimeOffset since, Guid? inboxId,
        Dictionary<string, Faq> faqs, CancellationToken ct)
    {
        var votes = await db.Messages.AsNoTracking()
            .Where(m => m.SenderType == SenderType.Bot && m.Helpful != null && m.CreatedAt >= since && (inboxId == null || m.InboxId == inboxId))
            .Select(m => new { m.ConversationId, m.Seq, m.Helpful }).Take(MaxTurns).ToListAsync(ct);
        var byConversation = turns.GroupBy(t => t.ConversationId).ToDictionary(g => g.Key, g => g.ToList());
        var up = new Dictionary<string, int>();
        var down = new Dictionary<string, int>();
        foreach (var vote in votes)
        {
            if (!byConversation.TryGetValue(vote.ConversationId, out var inConversation)) continue;
            // The customer message right before the rated reply, if the bot answered it from an FAQ.
            var turn = inConversation.Where(t => t.Seq < vote.Seq).MaxBy(t => t.Seq);
            if (turn is not { Answered: true, FaqKey: { } key }) continue;
            var tally = vote.Helpful == true ? up : down;
            tally[key] = tally.GetValueOrDefault(key) + 1;
        }
        return turns.Where(t => t is { Answered: true, FaqKey: not null }).GroupBy(t => t.FaqKey!)
            .Select(g =>
            {
                int yes = up.GetValueOrDefault(g.Key), no = down.GetValueOrDefault(g.Key);
                var faq = faqs.GetValueOrDefault(g.Key);
                return new UnhelpfulFaq(g.Key, faq?.QuestionIn(g) ?? g.Key, faq?.Category ?? "", g.Count(), yes, no, Rate(no, yes + no));
            })
            .Where(f => f.Helpful + f.NotHelpful >= MinVotes && f.NotHelpful > 0)
            .OrderByDescending(f => f.UnhelpfulRate).ThenByDescending(f => f.NotHelpful).ThenBy(f => f.FaqKey, StringComparer.Ordinal)
            .Take(20).ToList();
    }

    private static double Rate(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);

    private static string? TopCandidate(string candidatesJson)
    {
        if (candidatesJson.Length <= 2) return null;
        try
        {
            using var doc = JsonDocument.Parse(candidatesJson);
            return doc.RootElement.ValueKind == JsonValueKind.Array && doc.RootElement.GetArrayLength() > 0
                   && doc.RootElement[0].TryGetProperty(nameof(BotCandidate.FaqKey), out var key) ? key.GetString() : null;
        }
        catch (JsonException) { return null; }
    }

    /// <summary>An FAQ's category and its standard question per language.</summary>
    private sealed record Faq(string Category, IReadOnlyDictionary<string, string> Questions)
    {
        /// <summary>The standard question in the language most of these customers wrote in (deterministic on every database).</summary>
        public string? QuestionIn(IEnumerable<Turn> asked)
        {
            var language = asked.GroupBy(t => Conversations.LanguageGuess.Of(t.Body)).OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
                .Select(g => g.Key).FirstOrDefault() ?? "zh";
            return Questions.TryGetValue(language, out var q) ? q
                : Questions.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value).FirstOrDefault();
        }
    }
}
