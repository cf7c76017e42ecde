using System.Security.Claims;
using Concierge.Features.Bot;
using Concierge.Features.Conversations;
using Concierge.Nlp.Keywords;
using Concierge.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Features.Knowledge.Learning;

/// <summary>A knowledge-collection task: similar questions customers asked that the knowledge base did not serve.</summary>
public sealed record LearningTask(string Representative, int Count, IReadOnlyList<Guid> QuestionIds, IReadOnlyList<string> Examples,
    IReadOnlyList<string> Reasons, string? SuggestedFaqKey, DateTimeOffset LastAskedAt);

/// <summary>
/// The self-learning loop: unanswered and unhelpful questions are collected, grouped by similarity and counted; a
/// reviewer attaches a group to an existing FAQ (its questions become phrasings) or creates a new FAQ from it, and the
/// next customer asking the same thing gets the answer.
/// </summary>
public sealed class LearnFromCustomers(ConciergeDb db, KnowledgeIndex index, TimeProvider clock)
{
    public sealed record ResolveCommand(IReadOnlyList<Guid>? QuestionIds, string? AttachTo, NewFaq? Create, bool Dismiss = false);
    public sealed record NewFaq(string? Key, string? Question, string? Answer, string? Category);

    /// <summary>Called with the bot's turn: remember the question when the bot could not answer it.</summary>
    internal static void Collect(ConciergeDb db, Message question, BotDecision decision, string language, DateTimeOffset now)
    {
        if (!decision.Failed) return;
        db.Add(new UnansweredQuestion
        {
            Id = Guid.CreateVersion7(now), Text = question.Body, Language = language, Reason = "no_answer",
            FaqKey = decision.Candidates.FirstOrDefault()?.FaqKey, ConversationId = question.ConversationId, MessageId = question.Id, CreatedAt = now,
        });
    }

    /// <summary>The customer voted on a bot answer; a "not helpful" vote sends the question they asked to review.</summary>
    public async Task<Result> Rate(Guid messageId, Guid conversationId, bool helpful, CancellationToken ct)
    {
        var answer = await db.Messages.FirstOrDefaultAsync(m => m.Id == messageId && m.ConversationId == conversationId, ct);
        if (answer is null) return Result.NotFound("Message not found.");
        var rated = answer.Rate(helpful);
        if (rated.IsFailure) return rated;
        var question = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.Seq < answer.Seq && m.SenderType == SenderType.Customer)
            .OrderByDescending(m => m.Seq).FirstOrDefaultAsync(ct);
        var collected = await db.Set<UnansweredQuestion>().FirstOrDefaultAsync(q => question != null && q.MessageId == question.Id && q.Reason == "not_helpful", ct);
        if (!helpful && question is not null && collected is null)
        {
            var turn = await db.Set<BotTurnRecord>().AsNoTracking().FirstOrDefaultAsync(t => t.MessageId == question.Id, ct);
            db.Add(new UnansweredQuestion
            {
                Id = Guid.CreateVersion7(clock.GetUtcNow()), Text = question.Body, Language = LanguageGuess.Of(question.Body), Reason = "not_helpful",
                FaqKey = turn?.FaqKey, ConversationId = conversationId, MessageId = question.Id, CreatedAt = clock.GetUtcNow(),
            });
        }
        else if (helpful && collected is not null && collected.ResolvedAt is null)
        {
            db.Remove(collected);
        }
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    /// <summary>Open questions grouped by similarity, biggest groups first.</summary>
    public async Task<IReadOnlyList<LearningTask>> Tasks(CancellationToken ct)
    {
        var open = await db.Set<UnansweredQuestion>().AsNoTracking().Where(q => q.ResolvedAt == null)
            .OrderByDescending(q => q.CreatedAt).Take(5000).ToListAsync(ct);
        var groups = QuestionGrouper.Default.Group(open.Select(q => q.Text).ToList());
        return groups.Select(g =>
            {
                var members = g.Members.Select(i => open[i]).ToList();
                return new LearningTask(g.Representative, members.Count, members.Select(m => m.Id).ToList(),
                    members.Select(m => m.Text).Distinct().Take(5).ToList(), members.Select(m => m.Reason).Distinct().ToList(),
                    members.GroupBy(m => m.FaqKey).Where(k => k.Key is not null).OrderByDescending(k => k.Count()).Select(k => k.Key).FirstOrDefault(),
                    members.Max(m => m.CreatedAt));
            })
            .OrderByDescending(t => t.Count).ThenByDescending(t => t.LastAskedAt).ToList();
    }

    /// <summary>A reviewer's decision on a task: attach to an FAQ, create an FAQ, or dismiss. Published at once.</summary>
    public async Task<Result<string>> Resolve(ResolveCommand command, ClaimsPrincipal actor, CancellationToken ct)
    {
        if (Platform.Security.Access.Role(actor) is not (Agents.Roles.Admin or Agents.Roles.Supervisor))
            return Result<string>.From(Result.Forbidden("Only reviewers (admins and supervisors) resolve knowledge tasks."));
        if (command.QuestionIds is not { Count: > 0 } ids) return Result<string>.From(Result.Invalid("questionIds", "Pick the questions to resolve."));
        var questions = await db.Set<UnansweredQuestion>().Where(q => ids.Contains(q.Id) && q.ResolvedAt == null).ToListAsync(ct);
        if (questions.Count == 0) return Result<string>.From(Result.NotFound("Those questions are already resolved."));
        var now = clock.GetUtcNow();
        var who = actor.FindFirstValue(ClaimTypes.Name) ?? "reviewer";

        string resolvedAs;
        KnowledgeItem? item = null;
        if (command.Dismiss) resolvedAs = "dismissed";
        else if (!string.IsNullOrWhiteSpace(command.AttachTo))
        {
            item = await db.Set<KnowledgeItem>().Include(k => k.Phrasings).Include(k => k.Answers).AsSplitQuery()
                .FirstOrDefaultAsync(k => k.Key == command.AttachTo, ct);
            if (item is null) return Result<string>.From(Result.Invalid("attachTo", $"There is no FAQ '{command.AttachTo}'."));
            resolvedAs = item.Key;
        }
        else if (command.Create is { } create)
        {
            if (string.IsNullOrWhiteSpace(create.Answer)) return Result<string>.From(Result.Invalid("create.answer", "The new FAQ needs an answer."));
            var key = string.IsNullOrWhiteSpace(create.Key) ? $"learned-{Guid.NewGuid().ToString("N")[..8]}" : create.Key.Trim();
            if (await db.Set<KnowledgeItem>().AnyAsync(k => k.Key == key, ct)) return Result<string>.From(Result.Conflict($"An FAQ '{key}' exists; attach to it instead."));
            item = KnowledgeItem.Create(key, create.Category ?? "", now, who);
            var standard = string.IsNullOrWhiteSpace(create.Question) ? questions[0].Text : create.Question.Trim();
            item.AddPhrasing(standard, LanguageGuess.Of(standard), "editor", now, standard: true);
            item.SetAnswer("*", create.Answer, now);
            db.Add(item);
            resolvedAs = key;
        }
        else return Result<string>.From(Result.Invalid("attachTo", "Say what to do: attachTo an FAQ, create one, or dismiss."));

        if (item is not null)
        {
            foreach (var q in questions) item.AddPhrasing(q.Text, q.Language, "learned", now);
            var published = item.Publish(who, now);
            if (published.IsFailure) return Result<string>.From(published);
        }
        foreach (var q in questions) { q.ResolvedAt = now; q.ResolvedAs = resolvedAs; }
        await db.SaveChangesAsync(ct);
        if (item is not null) await index.Rebuild();
        return Result<string>.Ok(resolvedAs);
    }
}
