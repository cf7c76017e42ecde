using Concierge.Features.Conversations;
using Concierge.Platform.Data;
using Concierge.Platform.Hosting;
using Concierge.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Features.Channels.Web;

/// <summary>
/// The anonymous endpoints the chat widget talks to. The visitor proves who they are with a signed token
/// (<see cref="VisitorTokens"/>) sent as the X-Visitor-Token header (or ?token= on the socket).
/// A site can identify a logged-in user by passing their id with HMAC-SHA256(inbox identity secret, id) — the same
/// external id as on the app API, so the customer's history is one.
/// </summary>
internal static class WidgetEndpoints
{
    public const string TokenHeader = "X-Visitor-Token";

    public sealed record UserIdentity(string? ExternalId, string? Name, string? Email, string? Hash);
    public sealed record SessionRequest(Guid InboxId, string? Token, UserIdentity? User);
    public sealed record InboxInfo(Guid Id, string Name, string Greeting, string Color);
    /// <param name="Queue">Where the visitor stands while waiting for a human; null when they are not waiting.</param>
    public sealed record SessionResponse(string? Token, Guid? ContactId, InboxInfo Inbox, Guid? ConversationId, IReadOnlyList<MessageView> Messages,
        QueueInfo? Queue = null);
    public sealed record QueueInfo(int Position, int Waiting, int EtaSeconds);
    public sealed record SendRequest(Guid InboxId, string? Text, string? ClientMessageId, UserIdentity? User);
    public sealed record SendResponse(string Token, Guid ConversationId, MessageView Message, IReadOnlyList<MessageView> Replies);
    public sealed record TypingRequest(bool IsTyping);
    public sealed record FeedbackRequest(bool? Helpful);

    public static void Map(IEndpointRouteBuilder app)
    {
        var widget = app.MapGroup("/widget/v1").AllowAnonymous().RequireCors(WidgetCors).WithTags("Widget").DisableAntiforgery();
        widget.MapPost("/sessions", StartSession);
        widget.MapGet("/messages", ListMessages);
        widget.MapPost("/messages", Send);
        widget.MapPost("/typing", Typing);
        widget.MapPost("/messages/{messageId:guid}/feedback", Feedback);
        widget.Map("/ws", WidgetSocket.Handle).ExcludeFromDescription();
    }

    public const string WidgetCors = "widget";

    private static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> StartSession(SessionRequest request, ConciergeDb db,
        Routing.RoutingDesk routing,
        VisitorTokens tokens, ResolveWidgetVisitor visitors, CancellationToken ct)
    {
        var inbox = await db.Inboxes.AsNoTracking().FirstOrDefaultAsync(i => i.Id == request.InboxId && !i.IsArchived && i.Channel == WebWidgetAdapter.KindName, ct);
        if (inbox is null) return Problems.Problem(404, "Not found", $"Web inbox {request.InboxId} does not exist.", "inboxId");

        var visitor = await visitors.Handle(inbox, request.Token, request.User, createIfMissing: request.User?.ExternalId is not null, ct);
        if (visitor.IsFailure) return Problems.From(visitor);
        var info = new InboxInfo(inbox.Id, inbox.Name, inbox.Greeting, inbox.WidgetColor);
        if (visitor.Value is not { } contactId) return TypedResults.Ok(new SessionResponse(null, null, info, null, []));

        var conversation = await LatestConversation(db, inbox.Id, contactId, ct);
        var messages = conversation is null ? [] : await db.Messages.AsNoTracking().Where(m => m.ConversationId == conversation.Value && !m.IsPrivate)
            .OrderByDescending(m => m.Seq).Take(100).OrderBy(m => m.Seq).ToListAsync(ct);
        return TypedResults.Ok(new SessionResponse(tokens.Issue(inbox.Id, contactId), contactId, info, conversation,
            messages.Select(m => MessageView.Of(m).ForCustomer()).ToList(),
            conversation is { } cid && routing.Place(cid) is { } p ? new QueueInfo(p.Position, p.Waiting, p.EstimatedWaitSeconds) : null));
    }

    private static async Task<Results<Ok<IReadOnlyList<MessageView>>, ProblemHttpResult>> ListMessages(HttpContext http, Guid? after,
        ConciergeDb db, VisitorTokens tokens, GetMessages messages, CancellationToken ct)
    {
        if (!tokens.TryRead(http.Request.Headers[TokenHeader], out var inboxId, out var contactId))
            return Problems.Problem(401, "Unauthorized", "The visitor token is missing or invalid.", TokenHeader);
        var conversation = await LatestConversation(db, inboxId, contactId, ct);
        if (conversation is null) return TypedResults.Ok<IReadOnlyList<MessageView>>([]);
        var result = await messages.Handle(conversation.Value, after, 200, ct);
        return result.IsFailure ? Problems.From(result) : TypedResults.Ok(result.Value!);
    }

    private static async Task<Results<Ok<SendResponse>, ProblemHttpResult>> Send(HttpContext http, SendRequest request,
        ConciergeDb db, VisitorTokens tokens, ResolveWidgetVisitor visitors, ReceiveMessage receive, CancellationToken ct)
    {
        var inbox = await db.Inboxes.AsNoTracking().FirstOrDefaultAsync(i => i.Id == request.InboxId && !i.IsArchived && i.Channel == WebWidgetAdapter.KindName, ct);
        if (inbox is null) return Problems.Problem(404, "Not found", $"Web inbox {request.InboxId} does not exist.", "inboxId");
        var valid = MessageText.Validate(request.Text, receive.MaxLength);
        if (valid.IsFailure) return Problems.From(valid);

        var visitor = await visitors.Handle(inbox, http.Request.Headers[TokenHeader], request.User, createIfMissing: true, ct);
        if (visitor.IsFailure) return Problems.From(visitor);
        var contactId = visitor.Value!.Value;

        var result = await receive.Handle(new ReceiveMessage.Command(inbox.Id, contactId, null, request.Text, request.ClientMessageId), ct);
        if (result.IsFailure) return Problems.From(result);
        var received = result.Value!;
        var message = await db.Messages.AsNoTracking().FirstAsync(m => m.Id == received.MessageId, ct);
        return TypedResults.Ok(new SendResponse(tokens.Issue(inbox.Id, contactId), received.ConversationId, MessageView.Of(message).ForCustomer(), received.Replies));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Typing(HttpContext http, TypingRequest request, ConciergeDb db,
        VisitorTokens tokens, Platform.Realtime.ILiveFeed feed, CancellationToken ct)
    {
        if (!tokens.TryRead(http.Request.Headers[TokenHeader], out var inboxId, out var contactId))
            return Problems.Problem(401, "Unauthorized", "The visitor token is missing or invalid.", TokenHeader);
        await PublishTyping(db, feed, inboxId, contactId, request.IsTyping, ct);
        return TypedResults.NoContent();
    }

    /// <summary>Thumbs up/down on a bot answer in the visitor's own conversation.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> Feedback(HttpContext http, Guid messageId, FeedbackRequest? request,
        ConciergeDb db, VisitorTokens tokens, Knowledge.Learning.LearnFromCustomers learn, CancellationToken ct)
    {
        if (!tokens.TryRead(http.Request.Headers[TokenHeader], out var inboxId, out var contactId))
            return Problems.Problem(401, "Unauthorized", "The visitor token is missing or invalid.", TokenHeader);
        if (request?.Helpful is not { } helpful) return Problems.Invalid("helpful", "helpful (true or false) is required.");
        var conversationId = await db.Messages.AsNoTracking().Where(m => m.Id == messageId && m.InboxId == inboxId && m.ContactId == contactId)
            .Select(m => (Guid?)m.ConversationId).FirstOrDefaultAsync(ct);
        if (conversationId is null) return Problems.Problem(404, "Not found", "Message not found.", "messageId");
        var result = await learn.Rate(messageId, conversationId.Value, helpful, ct);
        return result.IsFailure ? Problems.From(result) : TypedResults.NoContent();
    }

    internal static async Task PublishTyping(ConciergeDb db, Platform.Realtime.ILiveFeed feed, Guid inboxId, Guid contactId, bool isTyping, CancellationToken ct)
    {
        var conversation = await LatestConversation(db, inboxId, contactId, ct);
        if (conversation is null) return;
        var name = await db.Contacts.Where(c => c.Id == contactId).Select(c => c.Name).FirstOrDefaultAsync(ct) ?? "";
        feed.Publish(new TypingChanged(inboxId, conversation.Value, contactId, "customer", name, isTyping));
    }

    internal static async Task<Guid?> LatestConversation(ConciergeDb db, Guid inboxId, Guid contactId, CancellationToken ct) =>
        await db.Conversations.AsNoTracking().Where(c => c.InboxId == inboxId && c.ContactId == contactId)
            .OrderByDescending(c => c.LastMessageAt).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
}
