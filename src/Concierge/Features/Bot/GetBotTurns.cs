using System.Security.Claims;
using System.Text.Json;
using Concierge.Platform.Data;
using Concierge.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Features.Bot;

public sealed record BotTurnView(Guid MessageId, string Action, string Reason, string? FaqKey, string? Emotion,
    IReadOnlyList<BotCandidate> Candidates, DateTimeOffset At);

/// <summary>"Why did the bot say this?": the recorded decisions of a conversation's bot turns, oldest first.</summary>
public sealed class GetBotTurns(ConciergeDb db, Access access)
{
    public async Task<Result<IReadOnlyList<BotTurnView>>> Handle(Guid conversationId, ClaimsPrincipal actor, CancellationToken ct)
    {
        var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId, ct);
        if (conversation is null || !await access.CanSee(actor, conversation, ct))
            return Result<IReadOnlyList<BotTurnView>>.From(Result.NotFound("Conversation not found."));
        var turns = await db.Set<BotTurnRecord>().AsNoTracking().Where(t => t.ConversationId == conversationId).ToListAsync(ct);
        return Result<IReadOnlyList<BotTurnView>>.Ok(turns.OrderBy(t => t.CreatedAt).Select(t => new BotTurnView(t.MessageId, t.Action, t.Reason,
            t.FaqKey, t.Emotion, JsonSerializer.Deserialize<List<BotCandidate>>(t.CandidatesJson) ?? [], t.CreatedAt)).ToList());
    }
}
