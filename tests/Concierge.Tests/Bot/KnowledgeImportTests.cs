using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Concierge.Features.Knowledge;
using Concierge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Tests.Bot;

/// <summary>Import a knowledge base through the API, then ask the bot through the app API.</summary>
public sealed class KnowledgeImportTests : IAsyncLifetime
{
    private readonly ConciergeApp _app = new(bot: true);
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    internal const string Csv = """
        faq_id,question,answer,category
        wifi,How do I connect the lamp to Wi-Fi?,"Open the app, tap Add device and hold the lamp's button for 5 seconds.",devices
        wifi,lamp won't connect to wifi,,
        wifi,台灯怎么连接无线网络,,
        wifi,台灯连不上WiFi怎么办,,
        warranty,How long is the warranty?,Every lamp has a two-year warranty from the delivery date.,policy
        warranty,what is the warranty period,,
        warranty,保修期多久,,
        warranty,灯坏了保修几年,,
        opening-hours,What are your opening hours?,Our team answers every day from 8:00 to 22:00.,service
        opening-hours,when are you open,,
        opening-hours,客服几点上班,,
        opening-hours,你们营业时间是什么时候,,
        """;

    public static async Task<ImportKnowledge.Report> Import(HttpClient admin, string csv, string query = "?publish=true")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "kb.csv");
        var response = await admin.PostAsync("/api/v1/knowledge/import" + query, form);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return System.Text.Json.JsonSerializer.Deserialize<ImportKnowledge.Report>(body, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
    }

    private async Task<string> Ask(string text, string customer = "u-kb")
    {
        var body = await _app.App().CustomerSays(customer + Guid.NewGuid().ToString("N")[..6], text);
        return string.Join("\n", body.GetProperty("replies").EnumerateArray().Select(r => r.Str("text")));
    }

    [Fact]
    public async Task AnImportedAndPublishedFaqIsAnsweredAtOnceThroughTheAppApi()
    {
        var report = await Import(_app.Admin(), Csv, "?mode=replace&publish=true");
        report.FaqsCreated.ShouldBe(3);
        report.PhrasingsAdded.ShouldBe(12);
        report.Errors.ShouldBeEmpty();
        report.Archived.ShouldBeGreaterThan(0, "the demo knowledge base is archived by replace");

        (await Ask("How long is the warranty?")).ShouldContain("two-year warranty");
        (await Ask("保修期多久")).ShouldContain("two-year warranty");
        (await Ask("lamp won't connect to wifi")).ShouldContain("Add device");
    }

    [Fact]
    public async Task ImportingTheSameFileAgainCreatesNoDuplicates()
    {
        await Import(_app.Admin(), Csv, "?mode=replace&publish=true");
        var again = await Import(_app.Admin(), Csv, "?mode=replace&publish=true");

        again.FaqsCreated.ShouldBe(0);
        again.PhrasingsAdded.ShouldBe(0);
        again.Unchanged.ShouldBe(3);
        (await _app.Db(db => db.Set<KnowledgePhrasing>().CountAsync(p => p.Text == "保修期多久"))).ShouldBe(1);
    }

    [Fact]
    public async Task ReplacingWithAFileThatDropsAPhrasingRemovesItAndItsFirstRowBecomesTheStandardQuestion()
    {
        await Import(_app.Admin(), Csv, "?mode=replace&publish=true");
        // The company's source of truth no longer has "How long is the warranty?".
        var synced = Csv.Replace("""
            warranty,How long is the warranty?,Every lamp has a two-year warranty from the delivery date.,policy
            warranty,what is the warranty period,,
            """, """
            warranty,what is the warranty period,Every lamp has a two-year warranty from the delivery date.,policy
            """);

        var report = await Import(_app.Admin(), synced, "?mode=replace&publish=true");

        report.PhrasingsRemoved.ShouldBe(1);
        report.FaqsUpdated.ShouldBe(1);
        report.Unchanged.ShouldBe(2);
        report.Errors.ShouldBeEmpty();
        var item = await _app.Db(db => db.Set<KnowledgeItem>().Include(k => k.Phrasings).SingleAsync(k => k.Key == "warranty"));
        item.Phrasings.Select(p => p.Text).ShouldBe(["what is the warranty period", "保修期多久", "灯坏了保修几年"], ignoreOrder: true);
        item.Phrasings.Single(p => p.Language == "en").IsStandard.ShouldBeTrue();
        item.Phrasings.Count(p => p.Language == "zh" && p.IsStandard).ShouldBe(1);
        (await Ask("what is the warranty period")).ShouldContain("two-year warranty");
    }

    [Fact]
    public async Task ANewPhrasingForAnExistingFaqIsAddedAndAnsweredAtOnce()
    {
        await Import(_app.Admin(), Csv, "?mode=replace&publish=true");
        var report = await Import(_app.Admin(), """
            faq_id,question,answer,category
            warranty,does the guarantee cover a broken lamp,,
            """, "?publish=true");

        report.FaqsUpdated.ShouldBe(1);
        report.PhrasingsAdded.ShouldBe(1);
        (await Ask("does the guarantee cover a broken lamp")).ShouldContain("two-year warranty");
    }

    [Fact]
    public async Task BadRowsAreReportedWithTheirLineAndTheGoodOnesAreImported()
    {
        var csv = """
            faq_id,question,answer,category
            ok,Is there free shipping?,Free shipping from 99 yuan.,shipping
            ,a question without an id,answer,
            no-answer,A new FAQ without an answer,,
            ok,,,
            """;
        var report = await Import(_app.Admin(), csv);

        report.FaqsCreated.ShouldBe(1);
        report.Errors.Select(e => e.Line).ShouldBe([3, 4, 5], ignoreOrder: true);
        report.Errors.ShouldContain(e => e.FaqId == "no-answer" && e.Message.Contains("answer"));
    }

    [Fact]
    public async Task AFileWithoutTheRequiredColumnsIsRefused()
    {
        using var form = new MultipartFormDataContent { { new StringContent("id,text\n1,hello"), "file", "kb.csv" } };
        var response = await _app.Admin().PostAsync("/api/v1/knowledge/import", form);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Body()).Str("field").ShouldBe("file");
    }

    [Fact]
    public async Task OnlyAdminsPublishAnImportAndAgentsCannotImport()
    {
        var tom = await _app.Agent("tom@lumen.demo");
        using var form = new MultipartFormDataContent { { new StringContent(Csv), "file", "kb.csv" } };
        (await tom.PostAsync("/api/v1/knowledge/import", form)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AnImportSentToReviewDoesNotReachCustomersUntilPublished()
    {
        await Import(_app.Admin(), Csv, "?mode=replace&publish=true");
        var report = await Import(_app.Admin(), """
            faq_id,question,answer,category
            gift-wrap,Do you offer gift wrapping?,Yes — choose Gift wrap at checkout for 5 yuan.,service
            gift-wrap,can you wrap it as a present,,
            gift-wrap,可以包装成礼物吗,,
            """, "");
        report.Status.ShouldBe("in_review");
        (await Ask("Do you offer gift wrapping?")).ShouldNotContain("Gift wrap at checkout");

        var item = await _app.Db(db => db.Set<KnowledgeItem>().SingleAsync(k => k.Key == "gift-wrap"));
        (await _app.Admin().PostAsync($"/api/v1/knowledge/{item.Id}/publish", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Ask("Do you offer gift wrapping?")).ShouldContain("Gift wrap at checkout");
    }
}
