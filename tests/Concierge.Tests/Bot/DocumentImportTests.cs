using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Concierge.Tests.Infrastructure;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Concierge.Tests.Bot;

/// <summary>Excel FAQs and Markdown / HTML / Word articles through the import API, answered by the bot.</summary>
public sealed class DocumentImportTests : IAsyncLifetime
{
    private readonly ConciergeApp _app = new(bot: true);
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task<System.Text.Json.JsonElement> Upload(byte[] content, string name, string query = "?mode=replace&publish=true")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", name);
        var response = await _app.Admin().PostAsync("/api/v1/knowledge/import" + query, form);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Body();
    }

    private async Task<string> Ask(string text) =>
        string.Join("\n", (await _app.App().CustomerSays("u-doc-" + Guid.NewGuid().ToString("N")[..6], text))
            .GetProperty("replies").EnumerateArray().Select(r => r.Str("text")));

    [Fact]
    public async Task AnExcelSheetInTheFaqLayoutIsImported()
    {
        var report = await Upload(Xlsx(
            ["faq_id", "question", "answer", "category"],
            ["points", "How do I use my points?", "100 points are worth 1 yuan at checkout.", "membership"],
            ["points", "积分怎么用", "", ""],
            ["points", "can points pay for my order", "", ""],
            ["hours", "When is customer service open?", "Every day from 8:00 to 22:00.", "service"],
            ["hours", "客服几点下班", "", ""]), "faq.xlsx");

        report.GetProperty("faqsCreated").GetInt32().ShouldBe(2);
        report.GetProperty("errors").GetArrayLength().ShouldBe(0);
        (await Ask("积分怎么用")).ShouldContain("100 points");
    }

    [Fact]
    public async Task AMarkdownArticleIsSplitIntoSectionsTheBotAnswersFrom()
    {
        var markdown = """
            # Caring for your air purifier

            ## Replacing the filter
            Replace the HEPA filter every 6 months. Open the back cover, pull the old filter out and insert the new one with the arrow facing in.

            ## Cleaning the sensor
            Wipe the air-quality sensor with a dry cotton swab once a month. Never use water.
            """;
        var report = await Upload(Encoding.UTF8.GetBytes(markdown), "purifier-care.md");

        report.GetProperty("faqsCreated").GetInt32().ShouldBe(2);
        (await Ask("Replacing the filter")).ShouldContain("every 6 months");
    }

    [Fact]
    public async Task AWordDocumentAndAnHtmlPageAreImportedAsArticles()
    {
        var docx = await Upload(Docx(("Heading1", "退货流程"), (null, "在订单详情页点击申请售后，选择退货，快递员会上门取件。")), "returns.docx");
        docx.GetProperty("faqsCreated").GetInt32().ShouldBe(1);

        var html = await Upload(Encoding.UTF8.GetBytes("<html><body><h2>Gift wrapping</h2><p>Choose gift wrap at checkout for 5 yuan.</p></body></html>"),
            "gifts.html", "?publish=true");
        html.GetProperty("faqsCreated").GetInt32().ShouldBe(1);
        (await Ask("退货流程")).ShouldContain("上门取件");
    }

    [Fact]
    public async Task AnUnknownFileTypeOrABrokenFileIsRefusedClearly()
    {
        using var pdf = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "kb.pdf" } };
        var response = await _app.Admin().PostAsync("/api/v1/knowledge/import", pdf);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Body()).Str("field").ShouldBe("file");

        using var broken = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "kb.xlsx" } };
        (await _app.Admin().PostAsync("/api/v1/knowledge/import", broken)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private static byte[] Xlsx(params string[][] rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            for (var r = 0; r < rows.Length; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                    row.Append(new Cell { CellReference = $"{(char)('A' + c)}{r + 1}", DataType = CellValues.InlineString, InlineString = new InlineString(new Text(rows[r][c])) });
                data.Append(row);
            }
            sheetPart.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "FAQ" }));
        }
        return stream.ToArray();
    }

    private static byte[] Docx(params (string? Style, string Text)[] paragraphs)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new W.Document(new W.Body(paragraphs.Select(p =>
            {
                var paragraph = new W.Paragraph(new W.Run(new W.Text(p.Text)));
                if (p.Style is not null) paragraph.ParagraphProperties = new W.ParagraphProperties(new W.ParagraphStyleId { Val = p.Style });
                return paragraph;
            })));
        }
        return stream.ToArray();
    }
}
