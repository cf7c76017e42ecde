using System.Net.Http.Json;

namespace Concierge.Browser.Tests;

/// <summary>
/// What the knowledge team works with, in a real browser: the search analytics after real customer questions, and the bot's
/// skill definitions edited as YAML (a broken one is refused with the field named; a valid one is live).
/// </summary>
public sealed class KnowledgeInsightTests(Chromium chromium, ConciergeSite site) : BrowserTest<ConciergeSite>(chromium, site), IClassFixture<ConciergeSite>
{
    [Fact]
    public async Task SearchAnalyticsShowWhatCustomersAskedAndHowMuchTheBotAnswered()
    {
        // Customers ask through the app API: two the knowledge base answers, one it cannot.
        var app = Site.Http(ConciergeSite.AppApiKey);
        var run = Guid.NewGuid().ToString("N")[..6];
        foreach (var (customer, text) in new[] { ("a", "运费怎么算？"), ("b", "运费怎么算"), ("c", "你们老板是谁") })
        {
            var response = await app.PostAsJsonAsync($"/api/v1/inboxes/{ConciergeSite.AppInbox}/messages",
                new { customer = new { externalId = $"analytics-{run}-{customer}" }, text }, TestContext.Current.CancellationToken);
            response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        var admin = await SignInAsAdmin();
        await admin.GotoAsync("/knowledge/analytics");
        await Expect(admin.GetByTestId("totals")).ToBeVisibleAsync();
        await Expect(admin.GetByTestId("frequent")).ToContainTextAsync("运费怎么算");
        await Expect(admin.GetByTestId("categories")).ToContainTextAsync("shipping");
        await Screenshots.Save(admin, "knowledge-analytics-zh", fullPage: true);
    }

    [Fact]
    public async Task ABrokenSkillDefinitionIsRefusedWithTheFieldAndAValidOneIsSaved()
    {
        var admin = await SignInAsAdmin("en");
        await admin.GotoAsync("/admin/skills");
        await Expect(admin.GetByTestId("skills")).ToContainTextAsync("order_status");

        await admin.GetByTestId("new-skill").ClickAsync();
        var editor = admin.GetByTestId("skill-text");
        await Expect(editor).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("name: my_skill"));

        // A slot without a prompt: the bot could not ask for it.
        var name = "gift_wrap_" + Guid.NewGuid().ToString("N")[..6];
        await editor.FillAsync($$"""
            name: {{name}}
            triggers:
              en: [gift wrap]
            slots:
              - name: order_number
                type: order_number
            action:
              connector: orders
              path: "orders/{order_number}"
              success:
                - en: "Order {order_number} will be gift wrapped."
            """);
        await admin.GetByTestId("skill-save").ClickAsync();
        await Expect(admin.GetByTestId("skill-problems")).ToContainTextAsync("slots[0]");
        await Screenshots.Save(admin, "admin-skill-problem-en");

        // Fixed, and bilingual like every bot text.
        await admin.GetByTestId("skill-text").FillAsync($$"""
            name: {{name}}
            triggers:
              zh: [礼品包装]
              en: [gift wrap]
            slots:
              - name: order_number
                type: order_number
                prompt: { zh: 请问要包装哪个订单？, en: Which order should we gift wrap? }
                reprompt: { zh: 这不像订单号，请再发一次。, en: "That doesn't look like an order number. Could you send it again?" }
            action:
              connector: orders
              path: "orders/{order_number}"
              success:
                - zh: 订单 {order_number} 将为您包装成礼品。
                  en: "Order {order_number} will be gift wrapped."
            """);
        await admin.GetByTestId("skill-save").ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await Expect(admin.GetByTestId("skills")).ToContainTextAsync(name);
    }
}
