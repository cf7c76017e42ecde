using System.Net.Http.Json;

namespace Concierge.Browser.Tests;

/// <summary>The admin area through its forms, in both languages: agents, inboxes (an app inbox's key is shown once), API tokens.</summary>
public sealed class AdminTests(Chromium chromium, ConciergeSite site) : BrowserTest<ConciergeSite>(chromium, site), IClassFixture<ConciergeSite>
{
    [Theory]
    [InlineData("zh-CN", "zh")]
    [InlineData("en", "en")]
    public async Task AnAdminCreatesAnAgentWhoCanThenSignIn(string language, string suffix)
    {
        var admin = await SignInAsAdmin(language);
        await admin.GotoAsync("/admin/agents");
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = Text("Agents", language), Exact = true })).ToBeVisibleAsync();
        await Expect(admin.GetByTestId("agents-table")).ToContainTextAsync("lina@lumen.demo");
        await Screenshots.Save(admin, $"admin-agents-{suffix}");

        var email = $"zhaomin.{Guid.NewGuid().ToString("N")[..6]}@lumen.demo";
        await admin.GetByTestId("new-agent").ClickAsync();
        var dialog = admin.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToBeVisibleAsync();
        await admin.GetByTestId("agent-name").FillAsync("赵敏 Zhao Min");
        await admin.GetByTestId("agent-email").FillAsync(email);
        await admin.GetByTestId("agent-password").FillAsync("Zhao-min-2026");
        await dialog.Locator("select").First.SelectOptionAsync("agent");
        await dialog.GetByTestId("agent-level").SelectOptionAsync("senior");
        await dialog.GetByPlaceholder("refund, english, vip").FillAsync("refund, vip");
        await dialog.GetByLabel("官网在线客服 Website").CheckAsync();
        await Screenshots.Save(admin, $"admin-agent-form-{suffix}");
        await admin.GetByTestId("save-agent").ClickAsync();

        await Expect(dialog).ToBeHiddenAsync();
        var row = admin.GetByTestId("agents-table").Locator("tr").Filter(new() { HasText = email });
        await Expect(row).ToContainTextAsync("赵敏 Zhao Min");
        await Expect(row).ToContainTextAsync("refund");
        await Expect(row).ToContainTextAsync("官网在线客服 Website");

        var newAgent = await SignIn(email, "Zhao-min-2026", language);
        await Expect(newAgent.GetByTestId("conversation-list")).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData("zh-CN", "zh")]
    [InlineData("en", "en")]
    public async Task AnAdminCreatesAnAppInboxAndSeesItsApiKeyOnlyOnce(string language, string suffix)
    {
        var admin = await SignInAsAdmin(language);
        await admin.GotoAsync("/admin/inboxes");
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = Text("Inboxes", language), Exact = true })).ToBeVisibleAsync();
        await Expect(admin.GetByTestId("inbox-card").Filter(new() { HasText = "官网在线客服 Website" })).ToBeVisibleAsync();
        await Expect(admin.GetByTestId("inbox-card").Filter(new() { HasText = "App 客服 Mobile app" })).ToBeVisibleAsync();
        await Screenshots.Save(admin, $"admin-inboxes-{suffix}", fullPage: true);

        var name = Unique("小程序 Mini program");
        await admin.GetByTestId("new-inbox").ClickAsync();
        var dialog = admin.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToBeVisibleAsync();
        await admin.GetByTestId("inbox-name").FillAsync(name);
        await dialog.Locator("select").SelectOptionAsync("api");
        await dialog.GetByLabel("Tom Baker").CheckAsync();
        await Screenshots.Save(admin, $"admin-inbox-form-{suffix}");
        await admin.GetByTestId("save-inbox").ClickAsync();

        var secret = admin.GetByTestId("secret");
        await Expect(secret).ToBeVisibleAsync();
        await Expect(secret).ToContainTextAsync(Text("Copy this now — it is shown only once:", language));
        var key = Regex.Match(await secret.InnerTextAsync(), @"ck_[A-Za-z0-9_\-]+").Value;
        key.ShouldNotBeEmpty("the new app inbox's API key is shown");
        await Expect(admin.GetByTestId("inbox-card").Filter(new() { HasText = name })).ToBeVisibleAsync();
        await Screenshots.Save(admin, $"admin-inbox-key-{suffix}");

        // The key works on the customer messaging API…
        using (var app = Site.Http(key))
        {
            var inbox = await app.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/inbox", TestContext.Current.CancellationToken);
            inbox.GetProperty("name").GetString().ShouldBe(name);
        }
        // …and is never shown again.
        await admin.GotoAsync("/admin/inboxes");
        await Expect(admin.GetByTestId("inbox-card").Filter(new() { HasText = name })).ToBeVisibleAsync();
        await Expect(admin.GetByTestId("secret")).ToHaveCountAsync(0);
        (await admin.ContentAsync()).ShouldNotContain(key);
    }

    [Theory]
    [InlineData("zh-CN", "zh")]
    [InlineData("en", "en")]
    public async Task AnAgentCreatesAPersonalApiTokenShownOnce(string language, string suffix)
    {
        var agent = await SignInAsAgent("tom@lumen.demo", language);
        await agent.GotoAsync("/settings/api-tokens");
        await Expect(agent.GetByRole(AriaRole.Heading, new() { Name = Text("API tokens", language), Exact = true })).ToBeVisibleAsync();
        await agent.GetByTestId("token-name").FillAsync("CRM sync");
        await agent.GetByTestId("create-token").ClickAsync();
        await Expect(agent.GetByTestId("secret")).ToBeVisibleAsync();
        await Expect(agent.Locator("table")).ToContainTextAsync("CRM sync");
        await Screenshots.Save(agent, $"api-tokens-{suffix}");

        // A fresh visit (not a reload, which would post the form again).
        await agent.GotoAsync("/settings/api-tokens");
        await Expect(agent.Locator("table")).ToContainTextAsync("CRM sync");
        await Expect(agent.GetByTestId("secret")).ToHaveCountAsync(0);
    }
}
