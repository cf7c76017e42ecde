using Concierge.Features.Bot;
using Concierge.Features.Channels;
using Concierge.Features.Contacts;
using Concierge.Platform.Data;
using Concierge.Platform.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Concierge.Features.Conversations;

/// <summary>
/// An inbound customer message from any channel. The message is committed before this returns (so an acknowledged message
/// survives any crash), it is idempotent on the client message id, and it reopens a resolved conversation.
/// If the conversation is with the bot, the bot answers inside the same call, and the message, the bot's replies and its
/// decision record are written in one transaction: on the embedded database writes queue for a single writer, so a turn's
/// cost is mostly how many transactions it opens. A bot that throws never loses the message: it is saved and handed to a person.
/// </summary>
public sealed class ReceiveMessage(ConciergeDb db, ResolveContact contacts, InboxDirectory inboxes, WriteLocks locks,
    IOptions<ConciergeOptions> options, TimeProvider clock, IEnumerable<IConversationBot> bots, ILogger<ReceiveMessage> log)
{
    /// <param name="ContactId">Set when the channel already knows the contact (a signed widget visitor).</param>
    public sealed record Command(Guid InboxId, Guid? ContactId, CustomerInfo? Customer, string? Text, string? ClientMessageId);
    public sealed record CustomerInfo(string? ExternalId, string? Name, string? Email, string? Phone,
        IReadOnlyDictionary<string, System.Text.Json.JsonElement>? Attributes = null);
    public sealed record Received(Guid ConversationId, Guid MessageId, Guid ContactId, bool Duplicate, IReadOnlyList<MessageView> Replies);

    private readonly IConversationBot? _bot = bots.FirstOrDefault();

    public int MaxLength => options.Value.MaxMessageLength;

    public async Task<Result<Received>> Handle(Command command, CancellationToken ct)
    {
        var valid = MessageText.Validate(command.Text, options.Value.MaxMessageLength);
        if (valid.IsFailure) return Result<Received>.From(valid);
        if (command.ClientMessageId is { Length: > 100 })
            return Result<Received>.From(Result.Invalid("clientMessageId", "clientMessageId is longer than 100 characters."));
        if (command.Customer?.Attributes is { Count: > 50 })
            return Result<Received>.From(Result.Invalid("customer.attributes", "At most 50 customer attributes."));
        if (command.Customer?.ExternalId is { Length: > 200 })
            return Result<Received>.From(Result.Invalid("customer.externalId", "customer.externalId is longer than 200 characters."));

        var inbox = await inboxes.Find(db, command.InboxId, ct);
        if (inbox is null) return Result<Received>.From(Result.NotFound($"Inbox {command.InboxId} does not exist."));

        // The contact's changes (name, attributes, last seen) are saved with the message below.
        var contactResult = await contacts.Handle(command.ContactId, command.Customer, ct, save: false);
        if (contactResult.IsFailure) return Result<Received>.From(contactResult);
        var contact = contactResult.Value!;
        var clientId = string.IsNullOrWhiteSpace(command.ClientMessageId) ? null : command.ClientMessageId.Trim();

        using var _ = await locks.Acquire(inbox.Id, contact.Id, ct);

        if (clientId is not null && await Existing(inbox.Id, contact.Id, clientId, ct) is { } duplicate) return duplicate;

        // VIPs may skip the bot when the inbox says so.
        var botFirst = inbox.BotAnswers && _bot is not null && !(inbox.VipSkipsBot && contact.VipLevel is not null);
        var now = clock.GetUtcNow();
        var conversation = await db.Conversations
            .Where(c => c.InboxId == inbox.Id && c.ContactId == contact.Id)
            .OrderByDescending(c => c.LastMessageAt)
            .FirstOrDefaultAsync(ct);
        var isNew = conversation is null;
        if (conversation is null)
        {
            conversation = Conversation.Start(inbox.Id, contact.Id, inbox.Channel, botFirst, now);
            db.Conversations.Add(conversation);
        }

        var message = conversation.ReceiveFromCustomer(MessageText.Clean(command.Text!), contact.DisplayName, clientId, botFirst, now);
        // The emotion of every customer message: the agent's indicator and trend, and routing's "upset customers first".
        var sentiment = Nlp.Sentiment.SentimentAnalyzer.Default.Analyze(message.Body);
        message.NoteEmotion(sentiment.Emotion, Math.Max(0, -sentiment.Score));
        conversation.NoteEmotion(sentiment.Emotion);
        db.Messages.Add(message);

        IReadOnlyList<Message> replies = [];
        if (conversation.Status == ConversationStatus.Bot && _bot is not null)
            replies = await RunBot(conversation, message, contact, isNew, inbox.VipGreeting, inbox.BotThresholds, ct);
        else if (conversation.Status == ConversationStatus.Queued && !conversation.RiskLocked && botFirst)
            replies = await AnswerWhileWaiting(conversation, message, contact, inbox.BotThresholds, ct);

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (clientId is not null)
        {
            // Another node stored the same client message first: answer as for a retry.
            db.ChangeTracker.Clear();
            if (await Existing(inbox.Id, contact.Id, clientId, ct) is { } raced) return raced;
            throw;
        }
        return Result<Received>.Ok(new Received(conversation.Id, message.Id, contact.Id, false, replies.Select(MessageView.Of).ToList()));
    }

    /// <summary>
    /// Nobody has taken the conversation yet: the bot may answer what its knowledge base is sure of while the customer
    /// waits (no hand-off, no failure counted, the conversation stays queued). A bot error only costs that answer.
    /// </summary>
    private async Task<IReadOnlyList<Message>> AnswerWhileWaiting(Conversation conversation, Message message, Contact contact,
        BotThresholds? thresholds, CancellationToken ct)
    {
        BotTurn? turn;
        try
        {
            turn = await _bot!.AnswerWhileWaiting(new BotTurnContext(conversation.Id, conversation.InboxId, conversation.ContactId, message.Body,
                conversation.Language, conversation.Channel, [message], conversation.BotFailures, null, contact.Name, contact.AttributesJson,
                contact.ExternalId, Thresholds: thresholds), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogError(ex, "The bot failed on queued message {MessageId} of conversation {ConversationId}", message.Id, conversation.Id);
            return [];
        }
        if (turn is null) return [];
        var now = clock.GetUtcNow();
        var replies = AddReplies(conversation, turn, now);
        db.Add(BotTurnRecord.Of(conversation.Id, message.Id, turn.Decision, now));
        return replies;
    }

    private List<Message> AddReplies(Conversation conversation, BotTurn turn, DateTimeOffset now)
    {
        var replies = new List<Message>();
        foreach (var reply in turn.Replies.Where(r => !string.IsNullOrWhiteSpace(r.Text)))
        {
            var result = conversation.Reply(SenderType.Bot, null, "Bot", reply.Text, now, reply.QuickReplies);
            if (result.Value is { } m) { db.Messages.Add(m); replies.Add(m); }
        }
        return replies;
    }

    /// <summary>The bot's turn, in memory: its replies, decision record and hand-off join the message's transaction.</summary>
    private async Task<IReadOnlyList<Message>> RunBot(Conversation conversation, Message message, Contact contact, bool isNew,
        string inboxVipGreeting, BotThresholds? thresholds, CancellationToken ct)
    {
        // The history the bot reads: what is stored (nothing yet for a new conversation) and this message.
        var history = isNew ? [] : await db.Messages.AsNoTracking().Where(m => m.ConversationId == conversation.Id && !m.IsPrivate)
            .OrderByDescending(m => m.Seq).Take(49).OrderBy(m => m.Seq).ToListAsync(ct);
        history.Add(message);
        BotTurn turn;
        try
        {
            turn = await _bot!.Respond(new BotTurnContext(conversation.Id, conversation.InboxId, conversation.ContactId, message.Body,
                conversation.Language, conversation.Channel, history, conversation.BotFailures, conversation.LastClarifyKey,
                contact.Name, contact.AttributesJson, contact.ExternalId, conversation.SkillStateJson,
                contact.VipLevel is not null && history.Count(m => m.SenderType == SenderType.Customer) == 1 ? inboxVipGreeting : null, thresholds), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // A broken skill connector or a bug must not cost the customer their message or their answer: a person takes over.
            log.LogError(ex, "The bot failed on message {MessageId} of conversation {ConversationId}; handing off", message.Id, conversation.Id);
            var at = clock.GetUtcNow();
            var sorry = conversation.Reply(SenderType.Bot, null, "Bot", conversation.Language == "en"
                ? "Sorry, something went wrong on my side. I'm connecting you with a member of our team."
                : "抱歉，我这边出了点问题，正在为您转接人工客服。", at).Value!;
            db.Messages.Add(sorry);
            conversation.RequestHandoff("bot_error", at);
            return [sorry];
        }
        var now = clock.GetUtcNow();
        var replies = AddReplies(conversation, turn, now);
        conversation.RecordBotTurn(turn.Decision.Failed, turn.Decision.ClarifyKey, turn.SkillStateJson);
        // High-risk turns lock the conversation to the risk team (RT-4); every other hand-off goes to the queue.
        if (turn.HandoffReason == "risk") conversation.LockForRisk(turn.Decision.Reason, now, assigneeInRiskTeam: false);
        else if (turn.HandoffReason is not null) conversation.RequestHandoff(turn.HandoffReason, now);
        db.Add(BotTurnRecord.Of(conversation.Id, message.Id, turn.Decision, now));
        Knowledge.Learning.LearnFromCustomers.Collect(db, message, turn.Decision, conversation.Language, now);
        return replies;
    }

    /// <summary>The stored result for a client message id: the same ids, and the bot replies that followed it.</summary>
    private async Task<Result<Received>?> Existing(Guid inboxId, Guid contactId, string clientId, CancellationToken ct)
    {
        var original = await db.Messages.AsNoTracking()
            .FirstOrDefaultAsync(m => m.InboxId == inboxId && m.ContactId == contactId && m.ClientMessageId == clientId, ct);
        if (original is null) return null;
        var following = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == original.ConversationId && m.Seq > original.Seq)
            .OrderBy(m => m.Seq).Take(20).ToListAsync(ct);
        var botReplies = following.TakeWhile(m => m.SenderType == SenderType.Bot).Select(MessageView.Of).ToList();
        return Result<Received>.Ok(new Received(original.ConversationId, original.Id, contactId, true, botReplies));
    }
}
