using System.Security.Claims;
using Concierge.Platform.Hosting;
using Concierge.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concierge.Features.Channels;

/// <summary>Inbox administration over REST (same use cases as the admin screens).</summary>
internal static class InboxEndpoints
{
    public sealed record MembersRequest(IReadOnlyList<Guid>? AgentIds);

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/inboxes").RequireAuthorization(Policies.Agent).WithTags("Inboxes");
        api.MapGet("/", async (ClaimsPrincipal user, ListInboxes list, CancellationToken ct) => TypedResults.Ok(await list.Handle(user, ct)))
            .WithSummary("Inboxes you can see (admins also get identity secrets).");
        api.MapPost("/", Create).WithSummary("Create an inbox (admin). An app inbox's API key is returned once.");
        api.MapPatch("/{id:guid}", Update).WithSummary("Change name, greeting, colour, bot, webhook (admin).");
        api.MapPost("/{id:guid}/api-key", RotateKey).WithSummary("Issue a new API key for an app inbox (admin); the old key stops working.");
        api.MapPut("/{id:guid}/members", SetMembers).WithSummary("Set the agents of an inbox (admin).");
        api.MapDelete("/{id:guid}", Archive).WithSummary("Archive an inbox (admin); its key stops working.");
    }

    private static async Task<Results<Created<InboxWithKey>, ProblemHttpResult>> Create(ManageInboxes.CreateCommand? command, ClaimsPrincipal user,
        ManageInboxes manage, CancellationToken ct)
    {
        if (command is null) return Problems.Invalid("body", "The request body is required.");
        var result = await manage.Create(command, user, ct);
        return result.IsFailure ? Problems.From(result) : TypedResults.Created($"/api/v1/inboxes/{result.Value!.Inbox.Id}", result.Value);
    }

    private static async Task<Results<Ok<InboxWithKey>, ProblemHttpResult>> Update(Guid id, ManageInboxes.UpdateCommand? command, ClaimsPrincipal user,
        ManageInboxes manage, CancellationToken ct)
    {
        if (command is null) return Problems.Invalid("body", "The request body is required.");
        var result = await manage.Update(id, command, user, ct);
        return result.IsFailure ? Problems.From(result) : TypedResults.Ok(result.Value!);
    }

    private static async Task<Results<Ok<InboxWithKey>, ProblemHttpResult>> RotateKey(Guid id, ClaimsPrincipal user, ManageInboxes manage, CancellationToken ct)
    {
        var result = await manage.RotateKey(id, user, ct);
        return result.IsFailure ? Problems.From(result) : TypedResults.Ok(result.Value!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SetMembers(Guid id, MembersRequest? request, ClaimsPrincipal user,
        ManageInboxes manage, CancellationToken ct)
    {
        var result = await manage.SetMembers(id, request?.AgentIds, user, ct);
        return result.IsFailure ? Problems.From(result) : TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Archive(Guid id, ClaimsPrincipal user, ManageInboxes manage, CancellationToken ct)
    {
        var result = await manage.Archive(id, user, ct);
        return result.IsFailure ? Problems.From(result) : TypedResults.NoContent();
    }
}
