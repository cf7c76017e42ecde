using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Concierge.Features.Knowledge;

/// <summary>
/// Reads business documents for the knowledge base: Excel sheets in the FAQ layout (as CSV rows), and articles
/// (Markdown, HTML, Word) split into sections at their headings — each section becomes a passage the bot can answer from.
/// </summary>
internal static partial class Documents
{
    public sealed record Section(string Heading, string Text);

    /// <summary>An article section as a knowledge item: its key, the questions it is found by (its heading, and its first
    /// sentence when that says something else) and its text, the answer.</summary>
    public sealed record ArticleItem(string Key, IReadOnlyList<string> Questions, string Text);

    /// <summary>The items of a document's sections, keyed "article:{document}#{n}" so re-importing it updates them.</summary>
    public static List<ArticleItem> ArticleItems(string documentName, List<Section> sections)
    {
        var slug = string.Concat(documentName.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-')).Trim('-');
        return sections.Select((s, i) =>
        {
            var first = FirstSentence(s.Text);
            return new ArticleItem($"{KnowledgeItem.ArticlePrefix}{slug}#{i + 1}", first != s.Heading ? [s.Heading, first] : [s.Heading], s.Text);
        }).ToList();
    }

    public static readonly string[] ArticleExtensions = [".md", ".markdown", ".html", ".htm", ".docx"];

    /// <summary>The first worksheet's rows, with their spreadsheet row numbers (a header row first).</summary>
    public static List<CsvRows.Record> ReadXlsx(Stream stream)
    {
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart ?? throw new FormatException("The workbook is empty.");
        var sheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new FormatException("The workbook has no sheet.");
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];
        var records = new List<CsvRows.Record>();
        foreach (var row in part.Worksheet.Descendants<Row>())
        {
            var fields = new List<string>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = ColumnIndex(cell.CellReference?.Value ?? "");
                while (fields.Count < column) fields.Add("");
                var value = cell.CellValue?.InnerText ?? cell.InlineString?.InnerText ?? "";
                if (cell.DataType?.Value == CellValues.SharedString && int.TryParse(value, out var s) && s < shared.Length) value = shared[s];
                fields.Add(value);
            }
            records.Add(new CsvRows.Record((int)(row.RowIndex?.Value ?? (uint)(records.Count + 1)), fields));
        }
        return records;
    }

    public static List<Section> ReadArticle(Stream stream, string extension) => extension switch
    {
        ".md" or ".markdown" => Markdown(new StreamReader(stream, Encoding.UTF8).ReadToEnd()),
        ".html" or ".htm" => Html(new StreamReader(stream, Encoding.UTF8).ReadToEnd()),
        ".docx" => Docx(stream),
        _ => throw new FormatException($"'{extension}' is not an article format."),
    };

    private static List<Section> Markdown(string text)
    {
        var sections = new List<Section>();
        string? heading = null;
        var body = new StringBuilder();
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.TrimEnd();
            if (MarkdownHeading().Match(line) is { Success: true } m)
            {
                Flush(sections, heading, body);
                heading = m.Groups[1].Value.Trim();
                continue;
            }
            // Keep the words, drop Markdown syntax that would read badly in a chat bubble.
            var clean = MarkdownLink().Replace(line, "$1 ($2)").Replace("**", "").Replace("__", "").TrimStart('>', ' ');
            if (ListBullet().IsMatch(clean)) clean = "• " + ListBullet().Replace(clean, "");
            body.AppendLine(clean);
        }
        Flush(sections, heading, body);
        return sections;
    }

    private static List<Section> Html(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var sections = new List<Section>();
        string? heading = document.Title;
        var body = new StringBuilder();
        foreach (var element in (document.Body ?? document.DocumentElement).QuerySelectorAll("h1,h2,h3,h4,p,li,td,pre"))
        {
            var text = Regex.Replace(element.TextContent, @"\s+", " ").Trim();
            if (text.Length == 0) continue;
            if (element.LocalName is "h1" or "h2" or "h3" or "h4")
            {
                Flush(sections, heading, body);
                heading = text;
            }
            else body.AppendLine(element.LocalName == "li" ? "• " + text : text);
        }
        Flush(sections, heading, body);
        return sections;
    }

    private static List<Section> Docx(Stream stream)
    {
        using var document = WordprocessingDocument.Open(stream, false);
        var sections = new List<Section>();
        string? heading = null;
        var body = new StringBuilder();
        foreach (var paragraph in document.MainDocumentPart?.Document.Body?.Elements<W.Paragraph>() ?? [])
        {
            var text = paragraph.InnerText.Trim();
            if (text.Length == 0) continue;
            var style = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value ?? "";
            if (style.StartsWith("Heading", StringComparison.OrdinalIgnoreCase) || style.StartsWith("Title", StringComparison.OrdinalIgnoreCase) || style is "1" or "2" or "3")
            {
                Flush(sections, heading, body);
                heading = text;
            }
            else body.AppendLine(text);
        }
        Flush(sections, heading, body);
        return sections;
    }

    private static void Flush(List<Section> sections, string? heading, StringBuilder body)
    {
        var text = Regex.Replace(body.ToString(), @"\n{3,}", "\n\n").Trim();
        body.Clear();
        if (text.Length == 0) return;
        var title = string.IsNullOrWhiteSpace(heading) ? FirstSentence(text) : heading.Trim();
        sections.Add(new Section(title.Length <= 300 ? title : title[..300], text.Length <= 4000 ? text : text[..4000]));
    }

    public static string FirstSentence(string text)
    {
        var end = text.IndexOfAny(['。', '？', '！', '.', '?', '!', '\n']);
        var sentence = end > 0 ? text[..(end + 1)] : text;
        return sentence.Length <= 200 ? sentence.Trim() : sentence[..200].Trim();
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsLetter)) index = index * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        return Math.Max(0, index - 1);
    }

    [GeneratedRegex(@"^#{1,6}\s+(.+)$")]
    private static partial Regex MarkdownHeading();
    [GeneratedRegex(@"\[([^\]]+)\]\(([^)]+)\)")]
    private static partial Regex MarkdownLink();
    [GeneratedRegex(@"^\s*([-*+]|\d+\.)\s+")]
    private static partial Regex ListBullet();
}
