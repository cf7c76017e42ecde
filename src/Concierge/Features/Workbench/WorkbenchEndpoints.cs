using System.Security.Claims;
using Concierge.Platform.Hosting;
using Concierge.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concierge.Features.Workbench;

/// <summary>Assistance, notes, mentions and canned responses over REST (the same use cases the workbench calls).</summary>
internal static class WorkbenchEndpoints
{
    public sealed record NoteRequest(string? Text);

    public static void Map(IEndpointRouteBuilder app)
    {
        var conversations = app.MapGroup("/api/v1/conversations").RequireAuthorization(Policies.Agent).WithTags("Conversations");
        conversations.MapGet("/{id:guid}/assist", Assist)
            .WithSummary("Summary, emotion trend, soothing and canned replies filled for this customer, their orders, and why routing chose the agent.");
        conversations.MapPost("/{id:guid}/notes", Note).WithSummary("An internal note (never shown to the customer); @Name mentions a colleague.");

        app.MapGet("/api/v1/mentions", async (bool? unread, ClaimsPrincipal user, ListMentions list, CancellationToken ct) =>
                TypedResults.Ok(await list.Handle(Access.AgentId(user) ?? Guid.Empty, unread ?? false, ct)))
            .RequireAuthorization(Policies.Agent).WithTags("Conversations").WithSummary("Notes that mention you, newest first.");

        var canned = app.MapGroup("/api/v1/canned-responses").RequireAuthorization(Policies.Agent).WithTags("Canned responses");
        canned.MapGet("/", async (string? language, ManageCannedResponses manage, CancellationToken ct) => TypedResults.Ok(await manage.List(language, ct)))
            .WithSummary("Saved replies (optionally for one language: zh or en).");
        canned.MapPost("/", Create).WithSummary("Create a saved reply (supervisor/admin). Variables: {{customer.name}}, {{order.number}}, {{agent.name}}.");
        canned.MapPatch("/{id:guid}", Update).WithSummary("Change a saved reply (supervisor/admin).");
        canned.MapDelete("/{id:guid}", Delete).WithSummary("Delete a saved reply (supervisor/admin).");
    }

    private static async Task<Results<Ok<Assist>, ProblemHttpResult>> Assist(Guid id, ClaimsPrincipal user, GetAssist assist, CancellationToken ct)
    {
        var result = await assist.Handle(id, user, ct);
        return result.IsFailure ? Problems.From(result) : TypedResults.Ok(result.Value!);
    }

    private static async Task<Results<Ok<AddNote.Added>, ProblemHttpResult>> Note(Guid id, NoteRequest? request, ClaimsPrincipal user, AddNote add, CancellationToken ct)
    {
        var result = await add.Handle(new AddNote.Command(id, request?.Text), user, ct);
        return result.IsFailure ? Problems.From(result) : TypedResults.Ok(result.Value!);
    }

    private static async Task<Results<Created<CannedResponseView>, ProblemHttpResult>> Create(ManageCannedResponses.Command? command, ClaimsPrincipal user,
        ManageCannedResponses manage, CancellationToken ct)
    {
        if (command is null) return Problems.Invalid("body", "The request body is required.");
        var result = await manage.Create(command, user, ct);
        return result.IsFailure ? Problems.From(result) : TypedResults.Created($"/api/v1/canned-responses/{result.Value!.Id}", result.Value);
    }

    private static async Task<Results<Ok<CannedResponseView>, ProblemHttpResult>> Update(Guid id, ManageCannedResponses.Command? command, ClaimsPrincipal user,
        ManageCannedResponses manage, CancellationToken ct)
    {
        if (command is null) return Problems.Invalid("body", "The request body is required.");
        var result = await manage.Update(id, command, user, ct);
        return result.IsFailure ? Problems.From(result) : TypedResults.Ok(result.Value!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, ClaimsPrincipal user, ManageCannedResponses manage, CancellationToken ct)
    {
        var result = await manage.Delete(id, user, ct);
        return result.IsFailure ? Problems.From(result) : TypedResults.NoContent();
    }
}
