using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concierge.Features.Bot.Skills;
using Concierge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Tests.Bot;

/// <summary>Skill definitions edited through the admin API change what the bot does, without a restart.</summary>
public sealed class SkillDefinitionAdminTests : IAsyncLifetime
{
    private readonly ConciergeApp _app = new(bot: true);
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static string Replies(JsonElement sent) =>
        string.Join("\n", sent.GetProperty("replies").EnumerateArray().Select(r => r.Str("text")));

    private const string WarrantyYaml = """
        # A new skill, written as YAML in the admin UI.
        name: warranty_claim
        triggers:
          zh: [保修申请, 申请保修]
          en: ["warranty claim"]
        maxReprompts: 1
        slots:
          - name: order_number
            type: order_number
            pattern: '^[A-Za-z]{0,4}\d{8,20}$'
            prompt:
              zh: 请问是哪个订单需要保修？
              en: Which order is the warranty claim for?
            reprompt:
              zh: 请发一下订单号，例如 DD20261114001。
              en: Please send the order number, like DD20261114001.
        action:
          connector: orders
          path: "orders/{order_number}?customer={customer.externalId}"
          success:
            - zh: 已收到订单 {order_number} 的保修申请。
              en: We have your warranty claim for order {order_number}.
        """;

    [Fact]
    public async Task AYamlDefinitionSavedThroughTheApiChangesWhatTheBotAsksNextWithoutARestart()
    {
        Replies(await _app.App().CustomerSays("u-w1", "I want to make a warranty claim")).ShouldNotContain("Which order is the warranty claim for?");

        var created = await _app.Admin().PostAsJsonAsync("/api/v1/bot/skills", new { definition = WarrantyYaml });
        created.StatusCode.ShouldBe(HttpStatusCode.OK, await created.Content.ReadAsStringAsync());
        (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("summary").Str("source").ShouldBe("custom");

        Replies(await _app.App().CustomerSays("u-w2", "I want to make a warranty claim")).ShouldContain("Which order is the warranty claim for?");

        // Change the prompt: the next customer is asked the new question.
        var changed = await _app.Admin().PutAsJsonAsync("/api/v1/bot/skills/warranty_claim",
            new { definition = WarrantyYaml.Replace("Which order is the warranty claim for?", "What is the order number for your claim?") });
        changed.StatusCode.ShouldBe(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        Replies(await _app.App().CustomerSays("u-w3", "warranty claim please")).ShouldContain("What is the order number for your claim?");

        // Switched off, the skill no longer starts.
        (await _app.Admin().PostAsync("/api/v1/bot/skills/warranty_claim/disable", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        Replies(await _app.App().CustomerSays("u-w4", "warranty claim please")).ShouldNotContain("order number for your claim");
    }

    [Fact]
    public async Task ABuiltInSkillCanBeChangedAndResetToTheShippedDefinition()
    {
        var shipped = await _app.Admin().GetJson("/api/v1/bot/skills/order_status");
        shipped.GetProperty("summary").Str("source").ShouldBe("built-in");
        var json = shipped.Str("json").Replace("Sure — what is your order number?", "Happy to check — your order number, please?");

        (await _app.Admin().PutAsJsonAsync("/api/v1/bot/skills/order_status", new { definition = json })).StatusCode.ShouldBe(HttpStatusCode.OK);
        Replies(await _app.App().CustomerSays("u-os1", "where is my order")).ShouldContain("Happy to check — your order number, please?");

        (await _app.Admin().DeleteAsync("/api/v1/bot/skills/order_status")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        Replies(await _app.App().CustomerSays("u-os2", "where is my order")).ShouldContain("Sure — what is your order number?");
    }

    [Fact]
    public async Task ABrokenDefinitionIsRefusedWithAProblemNamingTheFieldAndNothingIsStored()
    {
        var broken = WarrantyYaml.Replace("type: order_number", "type: postcode").Replace(@"'^[A-Za-z]{0,4}\d{8,20}$'", "'^([A-Z'").Replace("connector: orders", "connector: crm");
        var response = await _app.Admin().PostAsJsonAsync("/api/v1/bot/skills", new { definition = broken });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.Str("field").ShouldBe("slots[0].type");
        var errors = problem.GetProperty("errors");
        errors.GetProperty("slots[0].type")[0].GetString()!.ShouldContain("postcode");
        errors.GetProperty("slots[0].pattern")[0].GetString()!.ShouldContain("regular expression");
        errors.GetProperty("action.connector")[0].GetString()!.ShouldContain("crm");

        var missingPrompt = await _app.Admin().PostAsJsonAsync("/api/v1/bot/skills", new { definition = WarrantyYaml.Replace("en: Which order is the warranty claim for?", "en:") });
        missingPrompt.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await missingPrompt.Content.ReadFromJsonAsync<JsonElement>()).Str("field").ShouldBe("slots[0].prompt.en");

        (await _app.Db(db => db.Set<StoredSkillDefinition>().CountAsync())).ShouldBe(0);
        (await _app.Admin().GetJson("/api/v1/bot/skills")).EnumerateArray().Select(s => s.Str("name")).ShouldNotContain("warranty_claim");
    }

    [Fact]
    public void TheEditorsStartingExampleIsAValidDefinition() =>
        SkillDefinitionText.Parse(SkillDefinitionText.Example, ["orders"]).Problems.ShouldBeEmpty();

    [Fact]
    public async Task TheAdminPagesShowTheSkillEditorAndTheSearchAnalytics()
    {
        var cookies = new System.Net.CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = _app.BaseAddress };
        await ConciergeApp.SignIn(browser, Concierge.Platform.Hosting.DemoData.AdminEmail, ConciergeApp.AdminPassword);

        var skills = await browser.GetStringAsync("/admin/skills?name=order_status");
        skills.ShouldContain("data-testid=\"skill-editor\"");
        skills.ShouldContain("&quot;name&quot;: &quot;order_status&quot;");
        (await browser.GetStringAsync("/admin/skills?name=new")).ShouldContain("name: my_skill");
        (await browser.GetStringAsync("/knowledge/analytics?days=30")).ShouldContain("data-testid=\"totals\"");
    }

    [Fact]
    public async Task OnlyAdminsEditSkills()
    {
        var supervisor = await _app.Agent("wangqiang@lumen.demo");
        (await supervisor.GetAsync("/api/v1/bot/skills")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
