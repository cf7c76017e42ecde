using System.Security.Claims;
using Concierge.Features.Agents;
using Concierge.Platform.Data;
using Concierge.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Features.Knowledge;

public sealed record KnowledgeView(Guid Id, string Key, string Category, string Tags, string Status, int Version,
    IReadOnlyList<PhrasingView> Questions, IReadOnlyList<AnswerView> Answers, DateTimeOffset UpdatedAt, DateTimeOffset? PublishedAt);
public sealed record PhrasingView(string Text, string Language, bool IsStandard, string Source);
public sealed record AnswerView(string Language, string Channel, string Body);

/// <summary>
/// The knowledge base's editing workflow: editors write drafts and send them to review; admins and supervisors (the
/// reviewers) publish; anyone signed in can read and search (agents use the same knowledge while they chat).
/// </summary>
public sealed class ManageKnowledge(ConciergeDb db, KnowledgeIndex index, TimeProvider clock)
{
    public sealed record SaveCommand(string? Key, string? Category, string? Tags, IReadOnlyList<PhrasingInput>? Questions,
        IReadOnlyList<AnswerView>? Answers, DateTimeOffset? ValidFrom, DateTimeOffset? ValidTo);
    public sealed record PhrasingInput(string? Text, string? Language, bool IsStandard);

    public async Task<IReadOnlyList<KnowledgeView>> List(string? status, string? category, string? search, CancellationToken ct)
    {
        var q = db.Set<KnowledgeItem>().AsNoTracking().AsSplitQuery().Include(k => k.Phrasings).Include(k => k.Answers).AsQueryable();
        if (Enum.TryParse<KnowledgeStatus>(status?.Replace("_", ""), ignoreCase: true, out var s)) q = q.Where(k => k.Status == s);
        else if (status != "all") q = q.Where(k => k.Status != KnowledgeStatus.Archived);
        if (!string.IsNullOrWhiteSpace(category)) q = q.Where(k => k.Category == category);
        if (!string.IsNullOrWhiteSpace(search)) q = q.Where(k => k.Key.Contains(search) || k.Phrasings.Any(p => p.Text.Contains(search)));
        var items = await q.OrderBy(k => k.Category).ThenBy(k => k.Key).Take(5000).ToListAsync(ct);
        return items.Select(View).ToList();
    }

    public async Task<Result<KnowledgeView>> Get(Guid id, CancellationToken ct)
    {
        var item = await Load(id, ct);
        return item is null ? Result<KnowledgeView>.From(Result.NotFound("Knowledge item not found.")) : Result<KnowledgeView>.Ok(View(item));
    }

    public async Task<Result<KnowledgeView>> Create(SaveCommand command, ClaimsPrincipal actor, CancellationToken ct)
    {
        if (!ImportKnowledge.CanEdit(actor)) return Result<KnowledgeView>.From(Result.Forbidden("Editing knowledge needs an admin, supervisor or editor role."));
        var key = string.IsNullOrWhiteSpace(command.Key) ? $"kb-{Guid.NewGuid().ToString("N")[..8]}" : command.Key.Trim();
        if (key.Length > 200) return Result<KnowledgeView>.From(Result.Invalid("key", "The key is longer than 200 characters."));
        if (await db.Set<KnowledgeItem>().AnyAsync(k => k.Key == key, ct)) return Result<KnowledgeView>.From(Result.Conflict($"An item with key '{key}' exists."));
        var item = KnowledgeItem.Create(key, command.Category ?? "", clock.GetUtcNow(), actor.FindFirstValue(ClaimTypes.Name) ?? "");
        var applied = Apply(item, command);
        if (applied.IsFailure) return Result<KnowledgeView>.From(applied);
        db.Add(item);
        await db.SaveChangesAsync(ct);
        return Result<KnowledgeView>.Ok(View(item));
    }

    /// <summary>Changing an item makes it a draft again; the published version keeps answering until it is republished.</summary>
    public async Task<Result<KnowledgeView>> Update(Guid id, SaveCommand command, ClaimsPrincipal actor, CancellationToken ct)
    {
        if (!ImportKnowledge.CanEdit(actor)) return Result<KnowledgeView>.From(Result.Forbidden("Editing knowledge needs an admin, supervisor or editor role."));
        var item = await Load(id, ct, tracked: true);
        if (item is null) return Result<KnowledgeView>.From(Result.NotFound("Knowledge item not found."));
        var applied = Apply(item, command);
        if (applied.IsFailure) return Result<KnowledgeView>.From(applied);
        item.BackToDraft(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Result<KnowledgeView>.Ok(View(item));
    }

    public Task<Result<KnowledgeView>> Submit(Guid id, ClaimsPrincipal actor, CancellationToken ct) =>
        Transition(id, actor, ImportKnowledge.CanEdit, i => i.SubmitForReview(clock.GetUtcNow()), ct);

    public Task<Result<KnowledgeView>> Publish(Guid id, ClaimsPrincipal actor, CancellationToken ct) =>
        Transition(id, actor, a => Access.Role(a) is Roles.Admin or Roles.Supervisor,
            i => i.Publish(actor.FindFirstValue(ClaimTypes.Name) ?? "", clock.GetUtcNow()), ct);

    public Task<Result<KnowledgeView>> Archive(Guid id, ClaimsPrincipal actor, CancellationToken ct) =>
        Transition(id, actor, a => Access.Role(a) is Roles.Admin or Roles.Supervisor, i => i.Archive(clock.GetUtcNow()), ct);

    private async Task<Result<KnowledgeView>> Transition(Guid id, ClaimsPrincipal actor, Func<ClaimsPrincipal, bool> allowed,
        Func<KnowledgeItem, Result> change, CancellationToken ct)
    {
        if (!allowed(actor)) return Result<KnowledgeView>.From(Result.Forbidden("Your role cannot do this to knowledge."));
        var item = await Load(id, ct, tracked: true);
        if (item is null) return Result<KnowledgeView>.From(Result.NotFound("Knowledge item not found."));
        var wasLive = item.Status == KnowledgeStatus.Published;
        var result = change(item);
        if (result.IsFailure) return Result<KnowledgeView>.From(result);
        await db.SaveChangesAsync(ct);
        // Customers see publications and withdrawals within the request: wait for the index to swap.
        if (wasLive || item.Status == KnowledgeStatus.Published) await index.Rebuild();
        return Result<KnowledgeView>.Ok(View(item));
    }

    private Result Apply(KnowledgeItem item, SaveCommand command)
    {
        var now = clock.GetUtcNow();
        if (command.ValidFrom is { } from && command.ValidTo is { } to && to <= from) return Result.Invalid("validTo", "validTo must be after validFrom.");
        if (command.Questions is not null)
        {
            var questions = command.Questions.Where(q => !string.IsNullOrWhiteSpace(q.Text)).ToList();
            if (questions.Count == 0) return Result.Invalid("questions", "At least one question is required.");
            if (questions.Any(q => q.Text!.Length > ImportKnowledge.MaxQuestionLength)) return Result.Invalid("questions", "A question is longer than 1000 characters.");
            item.ReplacePhrasings(questions.Select(q => (q.Text!, q.Language ?? TextLanguage.Of(q.Text!), q.IsStandard)), now);
        }
        if (command.Answers is not null)
        {
            if (command.Answers.Any(a => a.Body.Length > ImportKnowledge.MaxAnswerLength)) return Result.Invalid("answers", "An answer is longer than 20000 characters.");
            foreach (var a in command.Answers.Where(a => !string.IsNullOrWhiteSpace(a.Body))) item.SetAnswer(a.Language ?? "*", a.Body, now, a.Channel ?? "*");
        }
        item.Describe(command.Category, command.Tags, null, command.ValidFrom ?? item.ValidFrom, command.ValidTo ?? item.ValidTo, now);
        return Result.Ok();
    }

    private async Task<KnowledgeItem?> Load(Guid id, CancellationToken ct, bool tracked = false)
    {
        var q = db.Set<KnowledgeItem>().AsSplitQuery().Include(k => k.Phrasings).Include(k => k.Answers).AsQueryable();
        if (!tracked) q = q.AsNoTracking();
        return await q.FirstOrDefaultAsync(k => k.Id == id, ct);
    }

    internal static KnowledgeView View(KnowledgeItem k) => new(k.Id, k.Key, k.Category, k.Tags,
        k.Status switch { KnowledgeStatus.InReview => "in_review", var s => s.ToString().ToLowerInvariant() }, k.Version,
        k.Phrasings.OrderByDescending(p => p.IsStandard).Select(p => new PhrasingView(p.Text, p.Language, p.IsStandard, p.Source)).ToList(),
        k.Answers.Select(a => new AnswerView(a.Language, a.Channel, a.Body)).ToList(), k.UpdatedAt, k.PublishedAt);
}
