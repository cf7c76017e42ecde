namespace Concierge.Browser.Tests;

/// <summary>The same live chat in English: an English-speaking visitor, and an agent who switches the UI to English.</summary>
public sealed class EnglishTests(Chromium chromium, ConciergeSite site) : BrowserTest<ConciergeSite>(chromium, site), IClassFixture<ConciergeSite>
{
    [Fact]
    public async Task AnAgentWhoSwitchesToEnglishChatsLiveWithAnEnglishSpeakingVisitor()
    {
        // Li Na starts in Chinese and switches the UI with the language link in the navigation rail.
        var agent = await SignInAsAgent("lina@lumen.demo", "zh-CN");
        await agent.GetByTestId("language-switch").ClickAsync();
        await Expect(agent.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(agent).ToHaveURLAsync(new Regex("/inbox"));
        await Expect(agent.GetByRole(AriaRole.Heading, new() { Name = "Inbox", Exact = true })).ToBeVisibleAsync();
        await WaitUntilLive(agent);

        var visitor = await VisitorWithWidgetOpen("en-US");
        await Expect(visitor.GetByTestId("widget-send")).ToHaveTextAsync("Send");
        await Expect(visitor.GetByTestId("widget-input")).ToHaveAttributeAsync("placeholder", "Type a message…");
        var conversation = await SendFromWidget(visitor, "hello");

        await Expect(ConversationItem(agent, conversation)).ToBeVisibleAsync();
        await ShouldNotHaveReloaded(agent, "agent");
        await OpenConversation(agent, conversation);
        await Expect(agent.GetByTestId("timeline")).ToContainTextAsync("hello");
        await Expect(agent.GetByTestId("send")).ToContainTextAsync("Send");
        await Expect(agent.GetByTestId("resolve")).ToContainTextAsync("Resolve");
        await Reply(agent, "Hi! This is Li Na — how can I help you today?");

        await Expect(visitor.GetByTestId("widget-messages")).ToContainTextAsync("Hi! This is Li Na — how can I help you today?");
        await ShouldNotHaveReloaded(visitor, "visitor");

        await Screenshots.Save(visitor, "widget-en");
        await Screenshots.Save(agent, "inbox-en");

        // And back: the same switch returns the UI to Chinese.
        await agent.GetByTestId("language-switch").ClickAsync();
        await Expect(agent.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(agent.GetByTestId("send")).ToContainTextAsync(Text("Send", "zh-CN"));
    }
}
