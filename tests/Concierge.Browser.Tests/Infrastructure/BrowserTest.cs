using System.Text.Json;

namespace Concierge.Browser.Tests.Infrastructure;

/// <summary>
/// The people in a browser test — visitors on the demo shop, agents and admins in the agent UI — each in their own browser
/// context (own cookies and storage), against the class's own Concierge. When a test fails, every open page is saved to
/// artifacts/screenshots/failures/ so the failure can be seen, not guessed.
/// </summary>
public abstract class BrowserTest<TSite>(Chromium chromium, TSite site) : IAsyncLifetime where TSite : ConciergeSite
{
    private readonly List<IBrowserContext> _contexts = [];

    protected TSite Site { get; } = site;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (TestContext.Current.TestState?.Result == TestResult.Failed)
        {
            var name = TestContext.Current.TestMethod?.MethodName ?? "test";
            var n = 0;
            foreach (var page in _contexts.SelectMany(c => c.Pages).Where(p => !p.IsClosed))
            {
                try { await Screenshots.Save(page, $"failures/{GetType().Name}.{name}-{++n}", fullPage: true); }
                catch (PlaywrightException) { /* the page may be gone; the test failure is what matters */ }
            }
        }
        foreach (var context in _contexts) await context.CloseAsync();
    }

    protected async Task<IPage> NewPage(string locale, int width = 1280, int height = 800)
    {
        var browser = await chromium.Browser();
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = Site.BaseAddress.ToString().TrimEnd('/'),
            Locale = locale,
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new() { Width = width, Height = height },
        });
        // Actions and page loads get more room than expectations (10 s, Chromium.cs): a customer's message runs the bot
        // synchronously before it is acknowledged, the slowest request a test makes. Live updates themselves are sub-second.
        context.SetDefaultTimeout(30_000);
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    // ---- visitors (the demo shop with the widget)

    /// <summary>A visitor on /demo (optionally with a query, e.g. ?user=u-1001&amp;name=王芳) with the widget open.</summary>
    protected async Task<IPage> VisitorWithWidgetOpen(string locale = "zh-CN", string query = "")
    {
        var page = await NewPage(locale);
        await page.GotoAsync("/demo" + query);
        await page.GetByTestId("widget-launcher").ClickAsync();
        await Expect(page.GetByTestId("widget-panel")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("widget-input")).ToBeEditableAsync();
        await MarkLoaded(page);
        return page;
    }

    /// <summary>Types a message in the widget and presses Enter; returns the conversation it was stored in.</summary>
    protected static async Task<Guid> SendFromWidget(IPage visitor, string text)
    {
        await visitor.GetByTestId("widget-input").FillAsync(text);
        var response = await visitor.RunAndWaitForResponseAsync(
            () => visitor.GetByTestId("widget-input").PressAsync("Enter"),
            r => r.Url.EndsWith("/widget/v1/messages", StringComparison.Ordinal) && r.Request.Method == "POST");
        response.Status.ShouldBe(200, $"the widget's message was refused: {await response.TextAsync()}");
        using var body = JsonDocument.Parse(await response.TextAsync());
        await Expect(visitor.GetByTestId("widget-messages")).ToContainTextAsync(text);
        return body.RootElement.GetProperty("conversationId").GetGuid();
    }

    // ---- agents and admins (the agent UI)

    /// <summary>Signs in through the real form in the given UI language (set with the /culture switch) and lands on the inbox.</summary>
    protected async Task<IPage> SignIn(string email, string password, string language = "zh-CN")
    {
        var page = await NewPage(language, 1440, 900);
        await page.GotoAsync($"/culture?c={language}&redirect=/login");
        await page.Locator("input[name=email]").FillAsync(email);
        await page.Locator("input[name=password]").FillAsync(password);
        await page.Locator("form[action='/account/login'] [type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/inbox"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        return page;
    }

    protected Task<IPage> SignInAsAgent(string email, string language = "zh-CN") => SignIn(email, ConciergeSite.AgentPassword, language);

    protected Task<IPage> SignInAsAdmin(string language = "zh-CN") => SignIn(ConciergeSite.AdminEmail, ConciergeSite.AdminPassword, language);

    /// <summary>Waits until the inbox's live connection is up (the green dot), so nothing published from now on is missed.</summary>
    protected static async Task WaitUntilLive(IPage agent)
    {
        await Expect(agent.Locator("[data-live-status].on")).ToHaveCountAsync(1);
        await MarkLoaded(agent);
    }

    protected static ILocator ConversationItem(IPage agent, Guid conversationId) =>
        agent.Locator($"[data-testid=conversation-item][data-id='{conversationId}']");

    /// <summary>Opens a conversation from the list (a real click), waiting for the three panes and the live connection.</summary>
    protected static async Task OpenConversation(IPage agent, Guid conversationId)
    {
        await ConversationItem(agent, conversationId).ClickAsync();
        await Expect(agent).ToHaveURLAsync(new Regex($"/inbox/{conversationId}"));
        await Expect(agent.GetByTestId("timeline")).ToBeVisibleAsync();
        await WaitUntilLive(agent);
    }

    /// <summary>
    /// Tom (English, junior) online; an English-speaking visitor asks for a person with <paramref name="text"/>, and Tom —
    /// the only agent online on a fresh site — receives the chat and opens it.
    /// </summary>
    protected async Task<(IPage Tom, IPage Visitor, Guid Conversation)> TomOpensAHandedOffEnglishChat(string text)
    {
        var tom = await SignInAsAgent("tom@lumen.demo", "en");
        await WaitUntilLive(tom);
        var visitor = await VisitorWithWidgetOpen("en-US");
        var conversation = await SendFromWidget(visitor, text);
        await Expect(ConversationItem(tom, conversation)).ToBeVisibleAsync();
        await OpenConversation(tom, conversation);
        return (tom, visitor, conversation);
    }

    /// <summary>Types a reply in the composer and presses Enter (the composer sends in the background, no reload).</summary>
    protected static async Task Reply(IPage agent, string text)
    {
        await agent.GetByTestId("composer").FillAsync(text);
        await agent.GetByTestId("composer").PressAsync("Enter");
        await Expect(agent.GetByTestId("timeline")).ToContainTextAsync(text);
        await Expect(agent.GetByTestId("composer")).ToHaveValueAsync("");
    }

    // ---- "without a reload"

    /// <summary>Puts a marker on the page's window: it survives DOM updates and disappears on any reload or navigation.</summary>
    protected static Task MarkLoaded(IPage page) => page.EvaluateAsync("() => { window.__conciergeTestMarker = true; }");

    protected static async Task ShouldNotHaveReloaded(IPage page, string who)
    {
        var marked = await page.EvaluateAsync<bool>("() => window.__conciergeTestMarker === true");
        marked.ShouldBeTrue($"the {who}'s page reloaded or navigated; it should have updated live");
    }

    // ---- the UI language

    /// <summary>
    /// The text a page shows for an English UI key in the given language: the key itself in English, the Chinese table's entry
    /// in Chinese. A missing Chinese entry fails the test — every user-facing string exists in both languages (house rule 10).
    /// </summary>
    protected static string Text(string key, string language)
    {
        if (!language.StartsWith("zh", StringComparison.OrdinalIgnoreCase)) return key;
        Concierge.Platform.Hosting.Texts.Chinese.TryGetValue(key, out var zh).ShouldBeTrue($"there is no Simplified Chinese text for \"{key}\"");
        return zh!;
    }

    protected static string Unique(string prefix) => $"{prefix} #{Guid.NewGuid().ToString("N")[..6]}";
}
