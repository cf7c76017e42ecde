namespace Concierge.Browser.Tests;

/// <summary>
/// The spine's promise in a real browser: a visitor chats in the widget on the demo shop, an agent in a second browser sees it
/// live, replies, and the visitor sees the reply — nobody reloads anything. In Chinese, the demo company's language.
/// </summary>
public sealed class LiveChatTests(Chromium chromium, ConciergeSite site) : BrowserTest<ConciergeSite>(chromium, site), IClassFixture<ConciergeSite>
{
    private const string LiNa = "lina@lumen.demo";

    [Fact]
    public async Task AVisitorsMessageAppearsLiveInTheInboxAndTheAgentsReplyAppearsLiveInTheWidget()
    {
        var agent = await SignInAsAgent(LiNa);
        await WaitUntilLive(agent);
        var visitor = await VisitorWithWidgetOpen();
        await Expect(visitor.GetByTestId("widget-send")).ToHaveTextAsync("发送");

        var conversation = await SendFromWidget(visitor, "你好");

        // The preview shows the latest message, which may already be the bot's answer; the item itself is what must appear.
        await Expect(ConversationItem(agent, conversation)).ToBeVisibleAsync();
        await ShouldNotHaveReloaded(agent, "agent");

        await OpenConversation(agent, conversation);
        await Expect(agent.GetByTestId("timeline")).ToContainTextAsync("你好");
        await Reply(agent, "您好！我是李娜，请问有什么可以帮您？");

        var reply = visitor.GetByTestId("widget-message").Filter(new() { HasText = "您好！我是李娜，请问有什么可以帮您？" });
        await Expect(reply).ToBeVisibleAsync();
        await Expect(reply).ToContainTextAsync("李娜 Li Na");
        await ShouldNotHaveReloaded(visitor, "visitor");

        await Expect(agent.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(agent.GetByRole(AriaRole.Heading, new() { Name = Text("Inbox", "zh-CN"), Exact = true })).ToBeVisibleAsync();
        await Screenshots.Save(visitor, "widget-zh");
        await Screenshots.Save(agent, "inbox-zh");
    }

    [Fact]
    public async Task TypingShowsInTheInboxWhileTheVisitorTypesAndInTheWidgetWhileTheAgentTypes()
    {
        var visitor = await VisitorWithWidgetOpen();
        var conversation = await SendFromWidget(visitor, Unique("请问在吗"));
        var agent = await SignInAsAgent(LiNa);
        await WaitUntilLive(agent);
        await OpenConversation(agent, conversation);
        // A first reply proves the widget's live connection is up before we watch for typing over it.
        await Reply(agent, "在的，请讲。");
        await Expect(visitor.GetByTestId("widget-messages")).ToContainTextAsync("在的，请讲。");

        await Expect(agent.GetByTestId("customer-typing")).ToBeHiddenAsync();
        await visitor.GetByTestId("widget-input").PressSequentiallyAsync("我想问一下");
        await Expect(agent.GetByTestId("customer-typing")).ToBeVisibleAsync();
        await Screenshots.Save(agent, "inbox-customer-typing-zh");

        // Sending ends the typing indicator at once: the message itself has arrived.
        await visitor.GetByTestId("widget-input").PressAsync("Enter");
        await Expect(agent.GetByTestId("timeline")).ToContainTextAsync("我想问一下");
        await Expect(agent.GetByTestId("customer-typing")).ToBeHiddenAsync();

        await Expect(visitor.GetByTestId("widget-typing")).ToBeHiddenAsync();
        await agent.GetByTestId("composer").PressSequentiallyAsync("好的，");
        await Expect(visitor.GetByTestId("widget-typing")).ToBeVisibleAsync();
        await Expect(visitor.GetByTestId("widget-typing")).ToContainTextAsync("正在输入");
        await Screenshots.Save(visitor, "widget-agent-typing-zh");

        await ShouldNotHaveReloaded(agent, "agent");
        await ShouldNotHaveReloaded(visitor, "visitor");
    }

    [Fact]
    public async Task AResolvedConversationReopensInTheInboxWhenTheVisitorWritesAgain()
    {
        var visitor = await VisitorWithWidgetOpen();
        var conversation = await SendFromWidget(visitor, Unique("我的快递到哪了"));
        var agent = await SignInAsAgent(LiNa);
        await WaitUntilLive(agent);
        await OpenConversation(agent, conversation);
        await Reply(agent, "已经在派送中，今天送达。");

        await agent.GetByTestId("resolve").ClickAsync();
        await Expect(agent.GetByTestId("resolve")).ToBeHiddenAsync();
        await Expect(agent.Locator("#pane-head")).ToContainTextAsync(Text("Resolved", "zh-CN"));
        // The default list shows open conversations only: the resolved one leaves it.
        await Expect(ConversationItem(agent, conversation)).ToHaveCountAsync(0);
        await Screenshots.Save(agent, "inbox-resolved-zh");

        var again = Unique("还有一个问题");
        (await SendFromWidget(visitor, again)).ShouldBe(conversation, "the customer's next message belongs to the same conversation");

        await Expect(ConversationItem(agent, conversation)).ToBeVisibleAsync();
        await Expect(agent.GetByTestId("timeline")).ToContainTextAsync(again);
        await Expect(agent.GetByTestId("resolve")).ToBeVisibleAsync();
        await ShouldNotHaveReloaded(agent, "agent");
    }
}
