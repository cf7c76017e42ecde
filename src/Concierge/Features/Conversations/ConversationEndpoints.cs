using System.Security.Claims;
using Concierge.Platform.Hosting;
using Concierge.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concierge.Features.Conversations;

/// <summary>The agent side of conversations over REST (the same use cases the inbox screen calls).</summary>
internal static class ConversationEndpoints
{
    public sealed record ReplyRequest(string? Text);
    public sealed record AssignRequest(Guid? AgentId);

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/conversations").RequireAuthorization(Policies.Agent).WithTags("Conversations");
        api.MapGet("/", List).WithSummary("Conversations in the inboxes you can see. filter = open | mine | unassigned | resolved | all.");
        api.MapGet("/{id:guid}", Get).WithSummary("One conversation with its messages, customer and the customer's other conversations.");
        api.MapPost("/{id:guid}/replies", Reply).WithSummary("Reply as the signed-in agent (assigns an unassigned conversation to you).");
        api.MapPost("/{id:guid}/assign", Assign).WithSummary("Assign to an agent (yourself, or anyone if you are a supervisor/admin).");
        api.MapPost("/{id:guid}/resolve", Resolve).WithSummary("Resolve; it reopens when the customer writes again.");
        api.MapPost("/{id:guid}/read", Read).WithSummary("Mark the conversation read.");
    }

    private static async Task<Ok<IReadOnlyList<ConversationSummary>>> List(string? filter, Guid? inboxId, string? search, int? limit,
        ClaimsPrincipal user, ListConversations list, CancellationToken ct) =>
        TypedResults.Ok((await list.Handle(new ListConversations.Query(filter, inboxId, search, limit ?? 100), user, ct)).Value!);

    private static async Task<Results<Ok<ConversationDetail>, ProblemHttpResult>> Get(Guid id, ClaimsPrincipal user, GetConversation get, CancellationToken ct)
    {
        var result = await get.Handle(id, user, ct);
        return result.IsFailure ? Problems.From(result) : TypedResults.Ok(result.Value!);
    }

    private static async Task<Results<Ok<MessageView>, ProblemHttpResult>> Reply(Guid id, ReplyRequest? request, ClaimsPrincipal user,
        SendReply send, CancellationToken ct)
    {
        var result = await send.Handle(new SendReply.Command(id, request?.Text), user, ct);
        return result.IsFailure ? Problems.From(result) : TypedResults.Ok(result.Value!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Assign(Guid id, AssignRequest? request, ClaimsPrincipal user,
        AssignConversation assign, CancellationToken ct)
    {
        var agentId = request?.AgentId ?? Access.AgentId(user);
        if (agentId is null) return Problems.Invalid("agentId", "agentId is required.");
        return Done(await assign.Handle(new AssignConversation.Command(id, agentId.Value), user, ct));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Resolve(Guid id, ClaimsPrincipal user, ResolveConversation resolve, CancellationToken ct) =>
        Done(await resolve.Handle(id, user, ct));

    private static async Task<Results<NoContent, ProblemHttpResult>> Read(Guid id, ClaimsPrincipal user, MarkConversationRead read, CancellationToken ct) =>
        Done(await read.Handle(id, user, ct));

    private static Results<NoContent, ProblemHttpResult> Done(Result result) => result.IsFailure ? Problems.From(result) : TypedResults.NoContent();
}
