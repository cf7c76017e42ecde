using System.Security.Claims;
using Concierge.Platform.Hosting;
using Concierge.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Concierge.Features.Knowledge;

/// <summary>The knowledge base over REST: import, the review workflow, and search (what agents use beside a chat).</summary>
internal static class KnowledgeEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/knowledge").RequireAuthorization(Policies.Agent).WithTags("Knowledge");
        api.MapGet("/", async (string? status, string? category, string? q, ManageKnowledge manage, CancellationToken ct) =>
            TypedResults.Ok(await manage.List(status, category, q, ct))).WithSummary("Knowledge items (not archived unless status=archived).");
        api.MapGet("/search", Search).WithSummary("What the bot would answer: the best published FAQs for a question, with scores.");
        api.MapGet("/{id:guid}", async (Guid id, ManageKnowledge manage, CancellationToken ct) => Done(await manage.Get(id, ct)));
        api.MapPost("/", async (ManageKnowledge.SaveCommand command, ClaimsPrincipal user, ManageKnowledge manage, CancellationToken ct) =>
            Done(await manage.Create(command, user, ct))).WithSummary("Create a draft FAQ (editor).");
        api.MapPatch("/{id:guid}", async (Guid id, ManageKnowledge.SaveCommand command, ClaimsPrincipal user, ManageKnowledge manage, CancellationToken ct) =>
            Done(await manage.Update(id, command, user, ct))).WithSummary("Change an FAQ; it becomes a draft until republished.");
        api.MapPost("/{id:guid}/submit", async (Guid id, ClaimsPrincipal user, ManageKnowledge manage, CancellationToken ct) =>
            Done(await manage.Submit(id, user, ct))).WithSummary("Send a draft to review (editor).");
        api.MapPost("/{id:guid}/publish", async (Guid id, ClaimsPrincipal user, ManageKnowledge manage, CancellationToken ct) =>
            Done(await manage.Publish(id, user, ct))).WithSummary("Approve and publish (admin or supervisor); live for the bot when this returns.");
        api.MapPost("/{id:guid}/archive", async (Guid id, ClaimsPrincipal user, ManageKnowledge manage, CancellationToken ct) =>
            Done(await manage.Archive(id, user, ct))).WithSummary("Withdraw (admin or supervisor).");
        api.MapGet("/tasks", async (Learning.LearnFromCustomers learn, CancellationToken ct) => TypedResults.Ok(await learn.Tasks(ct)))
            .WithSummary("Knowledge-collection tasks: unanswered or unhelpful customer questions, grouped by similarity, biggest first.");
        api.MapPost("/tasks/resolve", async (Learning.LearnFromCustomers.ResolveCommand command, ClaimsPrincipal user, Learning.LearnFromCustomers learn, CancellationToken ct) =>
        {
            var result = await learn.Resolve(command, user, ct);
            return result.IsFailure ? (IResult)Problems.From(result) : TypedResults.Ok(new { resolvedAs = result.Value });
        }).WithSummary("Attach a group of questions to an FAQ (they become phrasings), create a new FAQ from them, or dismiss them. Published at once.");
        api.MapGet("/analytics", async (int? days, Guid? inbox, ClaimsPrincipal user, Analytics.GetSearchAnalytics analytics, CancellationToken ct) =>
        {
            var result = await analytics.Handle(new Analytics.GetSearchAnalytics.Query(days, inbox), user, ct);
            return result.IsFailure ? (IResult)Problems.From(result) : TypedResults.Ok(result.Value!);
        }).WithSummary("Search analytics over ?days=1–90 (default 7), optionally one &inbox=: totals, most frequent questions, answered/unanswered per category, FAQs often voted unhelpful (admin, supervisor or editor).");
        api.MapPost("/import", Import).DisableAntiforgery()
            .WithSummary("Import FAQs from CSV or Excel (faq_id,question,answer,category; one row per phrasing), or articles from Markdown, HTML or Word (.docx), split into sections. ?mode=replace archives everything not in the file; &publish=true (admin) publishes at once.");
    }

    private static async Task<Results<Ok<ImportKnowledge.Report>, ProblemHttpResult>> Import(HttpRequest request, string? mode, bool? publish,
        ClaimsPrincipal user, ImportKnowledge import, CancellationToken ct)
    {
        if (mode is not (null or "" or "merge" or "replace")) return Problems.Invalid("mode", "mode must be 'merge' (default) or 'replace'.");
        Stream? file = null;
        var fileName = "import.csv";
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var upload = form.Files.GetFile("file") ?? form.Files.FirstOrDefault();
            if (upload is null) return Problems.Invalid("file", "Send the file as a multipart form field named 'file'.");
            if (upload.Length > 20 * 1024 * 1024) return Problems.Invalid("file", "The file is larger than 20 MB.");
            file = upload.OpenReadStream();
            fileName = upload.FileName;
        }
        else if (request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true)
        {
            file = request.Body;
        }
        if (file is null) return Problems.Invalid("file", "Send the file as multipart/form-data (field 'file') or a CSV as a text/csv body.");
        await using (file)
        {
            var result = await import.Handle(file, fileName, new ImportKnowledge.Options(mode == "replace", publish == true), user, ct);
            return result.IsFailure ? Problems.From(result) : TypedResults.Ok(result.Value!);
        }
    }

    private static async Task<Results<Ok<IReadOnlyList<SuggestedAnswer>>, ProblemHttpResult>> Search([FromQuery] string? q, [FromQuery] string? language,
        [FromQuery] string? channel, SuggestAnswers suggest, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(q)) return Problems.Invalid("q", "q (the question) is required.");
        return TypedResults.Ok(await suggest.Handle(q, language ?? Conversations.LanguageGuess.Of(q), channel ?? "*", 5, ct));
    }

    private static Results<Ok<KnowledgeView>, ProblemHttpResult> Done(Result<KnowledgeView> result) =>
        result.IsFailure ? Problems.From(result) : TypedResults.Ok(result.Value!);
}
