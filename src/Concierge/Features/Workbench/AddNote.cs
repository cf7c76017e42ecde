using System.Security.Claims;
using Concierge.Features.Conversations;
using Concierge.Platform.Data;
using Concierge.Platform.Hosting;
using Concierge.Platform.Realtime;
using Concierge.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Concierge.Features.Workbench;

/// <summary>Someone mentioned an agent in a note: their screens show it at once.</summary>
public sealed record AgentMentioned(Guid InboxId, Guid ConversationId, Guid AgentId, string By, string Text) : LiveEvent(InboxId, ConversationId);

/// <summary>
/// An internal note on a conversation: colleagues see it in the timeline, the customer never does. "@Name" mentions a
/// colleague (display name, or the part of their email before the @); they are notified live and find it in their mentions.
/// </summary>
public sealed class AddNote(ConciergeDb db, Access access, WriteLocks locks, ILiveFeed feed, IOptions<ConciergeOptions> options, TimeProvider clock)
{
    public sealed record Command(Guid ConversationId, string? Text);
    public sealed record Added(MessageView Note, IReadOnlyList<string> Mentioned);

    public async Task<Result<Added>> Handle(Command command, ClaimsPrincipal actor, CancellationToken ct)
    {
        var valid = MessageText.Validate(command.Text, options.Value.MaxMessageLength);
        if (valid.IsFailure) return Result<Added>.From(valid);
        var found = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == command.ConversationId, ct);
        if (found is null || !await access.CanSee(actor, found, ct)) return Result<Added>.From(Result.NotFound("Conversation not found."));
        if (Access.AgentId(actor) is not { } agentId) return Result<Added>.From(Result.Forbidden("Only agents write notes."));
        var me = await db.Agents.AsNoTracking().FirstAsync(a => a.Id == agentId, ct);
        var text = MessageText.Clean(command.Text!);

        var colleagues = await db.Agents.AsNoTracking().Where(a => a.IsActive && a.Id != agentId)
            .Select(a => new { a.Id, a.DisplayName, a.Email }).ToListAsync(ct);
        var mentioned = colleagues.Where(a => Mentions(text, a.DisplayName, a.Email)).ToList();

        using var _ = await locks.Acquire(found.InboxId, found.ContactId, ct);
        var conversation = await db.Conversations.FirstAsync(c => c.Id == command.ConversationId, ct);
        var note = conversation.AddNote(agentId, me.DisplayName, text, clock.GetUtcNow());
        db.Messages.Add(note);
        foreach (var m in mentioned)
            db.Add(new Mention { Id = Guid.CreateVersion7(), ConversationId = conversation.Id, MessageId = note.Id, AgentId = m.Id, MentionedBy = agentId, CreatedAt = note.CreatedAt });
        await db.SaveChangesAsync(ct);
        foreach (var m in mentioned) feed.Publish(new AgentMentioned(conversation.InboxId, conversation.Id, m.Id, me.DisplayName, text.Length <= 140 ? text : text[..140]));
        return Result<Added>.Ok(new Added(MessageView.Of(note), mentioned.Select(m => m.DisplayName).ToList()));
    }

    /// <summary>"@李娜", "@Li Na", "@lina" — a name followed by a space, punctuation or the end.</summary>
    internal static bool Mentions(string text, string displayName, string? email)
    {
        var names = new List<string>();
        names.AddRange(displayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(n => n.Length > 1));
        names.Add(displayName);
        if (email?.Split('@')[0] is { Length: > 1 } local) names.Add(local);
        foreach (var name in names)
        {
            var at = 0;
            while ((at = text.IndexOf("@" + name, at, StringComparison.OrdinalIgnoreCase)) >= 0)
            {
                var end = at + 1 + name.Length;
                if (end >= text.Length || !char.IsLetterOrDigit(text[end]) || IsCjk(name[^1])) return true;
                at = end;
            }
        }
        return false;
    }

    private static bool IsCjk(char c) => c is >= '\u4e00' and <= '\u9fff';
}

public sealed record MentionView(Guid Id, Guid ConversationId, string By, string Text, DateTimeOffset At, bool Read);

/// <summary>The notes that mention me, newest first; reading the conversation marks them read.</summary>
public sealed class ListMentions(ConciergeDb db)
{
    public async Task<IReadOnlyList<MentionView>> Handle(Guid agentId, bool unreadOnly, CancellationToken ct)
    {
        var query = db.Set<Mention>().AsNoTracking().Where(m => m.AgentId == agentId);
        if (unreadOnly) query = query.Where(m => m.ReadAt == null);
        var rows = await query.OrderByDescending(m => m.CreatedAt).Take(50)
            .Join(db.Messages, m => m.MessageId, msg => msg.Id, (m, msg) => new { m, msg.SenderName, msg.Body })
            .ToListAsync(ct);
        return rows.Select(r => new MentionView(r.m.Id, r.m.ConversationId, r.SenderName, r.Body, r.m.CreatedAt, r.m.ReadAt is not null)).ToList();
    }

    public async Task MarkRead(Guid agentId, Guid conversationId, DateTimeOffset now, CancellationToken ct)
    {
        using (await db.EnterWrite(ct))
            await db.Set<Mention>().Where(m => m.AgentId == agentId && m.ConversationId == conversationId && m.ReadAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ReadAt, now), ct);
    }
}
