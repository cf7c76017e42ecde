using System.Security.Claims;
using System.Text.Json;
using Concierge.Features.Conversations;
using Concierge.Platform.Data;
using Concierge.Platform.Hosting;
using Concierge.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Features.Bot;

/// <summary>"Why did the bot say this?": the recorded decisions of a conversation's bot turns.</summary>
internal static class BotEndpoints
{
    public sealed record TurnView(Guid MessageId, string Action, string Reason, string? FaqKey, string? Emotion,
        IReadOnlyList<BotCandidate> Candidates, DateTimeOffset At);

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/conversations/{id:guid}/bot-turns", Turns).RequireAuthorization(Policies.Agent).WithTags("Bot")
            .WithSummary("The bot's decisions in a conversation: candidates with scores, the action and the reason.");

    private static async Task<Results<Ok<IReadOnlyList<TurnView>>, ProblemHttpResult>> Turns(Guid id, ClaimsPrincipal user, ConciergeDb db,
        Access access, CancellationToken ct)
    {
        var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (conversation is null || !await access.CanSee(user, conversation, ct)) return Problems.Problem(404, "Not found", "Conversation not found.");
        var turns = await db.Set<BotTurnRecord>().AsNoTracking().Where(t => t.ConversationId == id).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<TurnView>>(turns.OrderBy(t => t.CreatedAt).Select(t => new TurnView(t.MessageId, t.Action, t.Reason,
            t.FaqKey, t.Emotion, JsonSerializer.Deserialize<List<BotCandidate>>(t.CandidatesJson) ?? [], t.CreatedAt)).ToList());
    }
}
