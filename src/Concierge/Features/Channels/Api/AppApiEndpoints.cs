using System.Security.Claims;
using Concierge.Features.Conversations;
using Concierge.Platform.Data;
using Concierge.Platform.Hosting;
using Concierge.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Features.Channels.Api;

/// <summary>The customer messaging API for apps and mini-programs, authenticated by the inbox's API key (Bearer).</summary>
internal static class AppApiEndpoints
{
    /// <param name="Attributes">Facts about the customer from the app (e.g. {"vip":"gold"}), merged into the profile.</param>
    public sealed record CustomerDto(string? ExternalId, string? Name, string? Email, string? Phone, Dictionary<string, System.Text.Json.JsonElement>? Attributes = null);
    public sealed record PostMessageRequest(CustomerDto? Customer, string? Text, string? ClientMessageId);
    public sealed record PostMessageResponse(Guid ConversationId, Guid MessageId, bool Duplicate, IReadOnlyList<MessageView> Replies);
    public sealed record InboxDto(Guid Id, string Name, string Channel);
    public sealed record FeedbackRequest(bool? Helpful);

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Customer messaging API");
        api.MapPost("/inboxes/{inboxId:guid}/messages", PostMessage).RequireAuthorization(Policies.InboxKey)
            .WithSummary("A customer message from the app; idempotent on clientMessageId. Returns the bot's synchronous replies.");
        api.MapGet("/inbox", GetInbox).RequireAuthorization(Policies.InboxKey).WithSummary("The inbox the API key belongs to.");
        api.MapPost("/conversations/{id:guid}/messages/{messageId:guid}/feedback", Feedback).RequireAuthorization(Policies.InboxKey)
            .WithSummary("The customer's thumbs up/down on a bot answer: {\"helpful\": false} sends the question to knowledge review.");
        api.MapGet("/conversations/{id:guid}/messages", GetConversationMessages).RequireAuthorization(Policies.AgentOrInboxKey)
            .WithSummary("Messages newer than ?after={messageId} (all when omitted), oldest first.");
    }

    private static async Task<Results<Ok<PostMessageResponse>, ProblemHttpResult>> PostMessage(Guid inboxId, PostMessageRequest? request,
        ClaimsPrincipal user, ConciergeDb db, ReceiveMessage receive, CancellationToken ct)
    {
        if (request is null) return Problems.Invalid("body", "The request body is required.");
        if (Access.InboxKeyInbox(user) != inboxId)
        {
            var exists = await db.Inboxes.AnyAsync(i => i.Id == inboxId, ct);
            return exists
                ? Problems.Problem(403, "Forbidden", "The API key does not belong to this inbox.")
                : Problems.Problem(404, "Not found", $"Inbox {inboxId} does not exist.", "inboxId");
        }
        if (string.IsNullOrWhiteSpace(request.Customer?.ExternalId))
            return Problems.Invalid("customer.externalId", "customer.externalId is required: the app's own id for the user.");

        var c = request.Customer;
        var result = await receive.Handle(new ReceiveMessage.Command(inboxId, null,
            new ReceiveMessage.CustomerInfo(c.ExternalId, c.Name, c.Email, c.Phone, c.Attributes), request.Text, request.ClientMessageId), ct);
        if (result.IsFailure) return Problems.From(result);
        var r = result.Value!;
        return TypedResults.Ok(new PostMessageResponse(r.ConversationId, r.MessageId, r.Duplicate, r.Replies));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Feedback(Guid id, Guid messageId, FeedbackRequest? request,
        ClaimsPrincipal user, ConciergeDb db, Knowledge.Learning.LearnFromCustomers learn, CancellationToken ct)
    {
        var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (conversation is null || Access.InboxKeyInbox(user) != conversation.InboxId)
            return Problems.Problem(404, "Not found", $"Conversation {id} does not exist.", "id");
        if (request?.Helpful is not { } helpful) return Problems.Invalid("helpful", "helpful (true or false) is required.");
        var result = await learn.Rate(messageId, id, helpful, ct);
        return result.IsFailure ? Problems.From(result) : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<InboxDto>, ProblemHttpResult>> GetInbox(ClaimsPrincipal user, ConciergeDb db, CancellationToken ct)
    {
        var id = Access.InboxKeyInbox(user);
        var inbox = await db.Inboxes.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        return inbox is null ? Problems.Problem(404, "Not found", "Inbox not found.") : TypedResults.Ok(new InboxDto(inbox.Id, inbox.Name, inbox.Channel));
    }

    private static async Task<Results<Ok<IReadOnlyList<MessageView>>, ProblemHttpResult>> GetConversationMessages(Guid id, string? after,
        int? limit, ClaimsPrincipal user, ConciergeDb db, Access access, GetMessages messages, CancellationToken ct)
    {
        var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (conversation is null || !await access.CanSee(user, conversation, ct))
            return Problems.Problem(404, "Not found", $"Conversation {id} does not exist.", "id");
        Guid? afterId = null;
        if (!string.IsNullOrEmpty(after))
        {
            if (!Guid.TryParse(after, out var parsed)) return Problems.Invalid("after", "'after' must be a message id.");
            afterId = parsed;
        }
        var result = await messages.Handle(id, afterId, limit ?? 200, ct);
        return result.IsFailure ? Problems.From(result) : TypedResults.Ok(result.Value!);
    }
}
