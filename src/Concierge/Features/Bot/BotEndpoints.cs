using System.Security.Claims;
using Concierge.Platform.Hosting;
using Concierge.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concierge.Features.Bot;

internal static class BotEndpoints
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/conversations/{id:guid}/bot-turns", Turns).RequireAuthorization(Policies.Agent).WithTags("Bot")
            .WithSummary("The bot's decisions in a conversation: candidates with scores, the action and the reason.");

    private static async Task<Results<Ok<IReadOnlyList<BotTurnView>>, ProblemHttpResult>> Turns(Guid id, ClaimsPrincipal user, GetBotTurns turns,
        CancellationToken ct)
    {
        var result = await turns.Handle(id, user, ct);
        return result.IsFailure ? Problems.From(result) : TypedResults.Ok(result.Value!);
    }
}
