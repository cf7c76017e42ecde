using System.Security.Claims;
using Concierge.Features.Agents;
using Concierge.Platform.Data;
using Concierge.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Features.Knowledge;

/// <summary>
/// Imports FAQs from CSV, one row per phrasing: <c>faq_id,question,answer,category</c> (UTF-8, header). The first row of
/// a faq_id is its standard question; answer and category may be empty on its later rows. A bad row never aborts the
/// good ones, and importing the same file again adds nothing. <c>replace</c> makes the file the whole knowledge base
/// (everything else is archived, and an FAQ's phrasings become exactly the file's rows); <c>publish</c> (admins)
/// publishes at once instead of sending the import to review.
/// </summary>
public sealed class ImportKnowledge(ConciergeDb db, KnowledgeIndex index, TimeProvider clock)
{
    public sealed record Options(bool Replace, bool Publish);
    public sealed record RowError(int Line, string? FaqId, string Message);
    public sealed record Report(int Rows, int FaqsCreated, int FaqsUpdated, int PhrasingsAdded, int Unchanged, int Archived,
        string Status, IReadOnlyList<RowError> Errors, int PhrasingsRemoved = 0);

    private sealed record Row(int Line, string FaqId, string Question, string Answer, string Category);

    public const int MaxQuestionLength = 1000;
    public const int MaxAnswerLength = 20000;

    /// <summary>Imports a file by its extension: .csv / .xlsx in the FAQ layout, or an article (.md, .html, .docx).</summary>
    public async Task<Result<Report>> Handle(Stream file, string fileName, Options options, ClaimsPrincipal actor, CancellationToken ct)
    {
        if (!CanEdit(actor)) return Result<Report>.From(Result.Forbidden("Importing knowledge needs an admin or knowledge-editor role."));
        if (options.Publish && !Access.IsAdmin(actor)) return Result<Report>.From(Result.Forbidden("Only admins can publish an import at once."));
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        List<CsvRows.Record> records;
        try
        {
            // The Office formats need a seekable stream; uploads are buffered by ASP.NET Core, request bodies may not be.
            var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            buffer.Position = 0;
            if (Documents.ArticleExtensions.Contains(extension))
                records = ArticleRows(Path.GetFileNameWithoutExtension(fileName), Documents.ReadArticle(buffer, extension));
            else if (extension == ".xlsx") records = Documents.ReadXlsx(buffer);
            else if (extension is ".csv" or ".txt" or "")
            {
                using var reader = new StreamReader(buffer, detectEncodingFromByteOrderMarks: true);
                records = CsvRows.Read(reader).ToList();
            }
            else return Result<Report>.From(Result.Invalid("file", $"'{fileName}': import CSV or Excel (.xlsx) FAQs, or Markdown, HTML or Word (.docx) articles."));
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or IOException)
        {
            return Result<Report>.From(Result.Invalid("file", $"'{fileName}' could not be read: {ex.Message}"));
        }
        if (records.Count == 0) return Result<Report>.From(Result.Invalid("file", "The file is empty; expected a header faq_id,question,answer,category."));
        var header = records[0].Fields.Select(f => f.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToList();
        int Col(string name) => header.IndexOf(name);
        var (idCol, questionCol, answerCol, categoryCol) = (Col("faq_id"), Col("question"), Col("answer"), Col("category"));
        if (idCol < 0 || questionCol < 0)
            return Result<Report>.From(Result.Invalid("file", $"The header must contain faq_id and question (found: {string.Join(",", header)})."));

        var errors = new List<RowError>();
        var rows = new List<Row>();
        foreach (var r in records.Skip(1))
        {
            string At(int col) => col >= 0 && col < r.Fields.Count ? r.Fields[col].Trim() : "";
            var row = new Row(r.Line, At(idCol), At(questionCol), At(answerCol), At(categoryCol));
            if (r.Fields.All(string.IsNullOrWhiteSpace)) continue;
            if (row.FaqId.Length == 0) errors.Add(new(r.Line, null, "faq_id is empty."));
            else if (row.FaqId.Length > 200) errors.Add(new(r.Line, row.FaqId, "faq_id is longer than 200 characters."));
            else if (row.Question.Length == 0) errors.Add(new(r.Line, row.FaqId, "question is empty."));
            else if (row.Question.Length > MaxQuestionLength) errors.Add(new(r.Line, row.FaqId, $"question is longer than {MaxQuestionLength} characters."));
            else if (row.Answer.Length > MaxAnswerLength) errors.Add(new(r.Line, row.FaqId, $"answer is longer than {MaxAnswerLength} characters."));
            else rows.Add(row);
        }

        var now = clock.GetUtcNow();
        var who = actor.FindFirstValue(ClaimTypes.Name) ?? "import";
        var groups = rows.GroupBy(r => r.FaqId, StringComparer.Ordinal).ToList();
        var keys = groups.Select(g => g.Key).ToList();
        var existing = await db.Set<KnowledgeItem>().Include(k => k.Phrasings).Include(k => k.Answers).AsSplitQuery()
            .Where(k => keys.Contains(k.Key)).ToDictionaryAsync(k => k.Key, ct);
        int created = 0, updated = 0, phrasingsAdded = 0, phrasingsRemoved = 0, unchanged = 0, archived = 0;

        foreach (var group in groups)
        {
            var first = group.First();
            var answer = group.Select(r => r.Answer).FirstOrDefault(a => a.Length > 0);
            var category = group.Select(r => r.Category).FirstOrDefault(c => c.Length > 0);
            existing.TryGetValue(group.Key, out var item);
            if (item is null && answer is null)
            {
                errors.Add(new(first.Line, group.Key, "The first import of an FAQ needs an answer."));
                continue;
            }

            var isNew = item is null;
            item ??= KnowledgeItem.Create(group.Key, category ?? "", now, who);
            var changed = false;
            foreach (var row in group)
                if (item.AddPhrasing(row.Question, TextLanguage.Of(row.Question), "import", now, standard: isNew && row == first ? true : null))
                {
                    changed = true;
                    phrasingsAdded++;
                }
            // Replace mode syncs from the company's source of truth: a phrasing deleted there goes here too (learned and
            // editor phrasings included), and the file's first row is the standard question.
            if (options.Replace && !isNew)
            {
                phrasingsRemoved += item.KeepOnlyPhrasings(group.Select(r => r.Question), first.Question, now, out var restated);
                changed |= restated;
            }
            // The file is the source of truth for the answer: it replaces every language and channel variant.
            if (answer is not null && (item.Answers.Count != 1 || item.Answers[0].Language != "*" || item.Answers[0].Body != answer))
            {
                item.ReplaceAnswers(answer, now);
                changed = true;
            }
            if (category is not null && category != item.Category)
            {
                item.Describe(category, null, null, item.ValidFrom, item.ValidTo, now);
                changed = true;
            }
            var needsState = options.Publish ? item.Status != KnowledgeStatus.Published : item.Status is KnowledgeStatus.Archived or KnowledgeStatus.Draft;
            if (isNew) { db.Add(item); created++; }
            else if (changed || needsState) updated++;
            else { unchanged++; continue; }

            if (item.Status == KnowledgeStatus.Archived) item.BackToDraft(now);
            var moved = options.Publish ? item.Publish(who, now) : item.Status == KnowledgeStatus.InReview ? Result.Ok() : item.SubmitForReview(now);
            if (moved.IsFailure) errors.Add(new(first.Line, group.Key, moved.Error ?? "Could not change the status."));
        }

        if (options.Replace)
        {
            var keep = groups.Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
            var others = await db.Set<KnowledgeItem>().Where(k => k.Status != KnowledgeStatus.Archived).ToListAsync(ct);
            foreach (var other in others.Where(o => !keep.Contains(o.Key)))
            {
                other.Archive(now);
                archived++;
            }
        }

        await db.SaveChangesAsync(ct);
        if (options.Publish || archived > 0) await index.Rebuild();
        return Result<Report>.Ok(new Report(records.Count - 1, created, updated, phrasingsAdded, unchanged, archived,
            options.Publish ? "published" : "in_review", errors, phrasingsRemoved));
    }

    /// <summary>An article becomes one knowledge item per section: the heading is its question, the section its answer.</summary>
    private static List<CsvRows.Record> ArticleRows(string name, List<Documents.Section> sections)
    {
        var rows = new List<CsvRows.Record> { new(1, ["faq_id", "question", "answer", "category"]) };
        foreach (var (item, i) in Documents.ArticleItems(name, sections).Select((item, i) => (item, i)))
            for (var q = 0; q < item.Questions.Count; q++)
                rows.Add(new(i + 2, q == 0 ? [item.Key, item.Questions[0], item.Text, "article"] : [item.Key, item.Questions[q], "", ""]));
        return rows;
    }

    internal static bool CanEdit(ClaimsPrincipal actor) => Access.Role(actor) is Roles.Admin or Roles.Supervisor or Roles.KnowledgeEditor;
}
