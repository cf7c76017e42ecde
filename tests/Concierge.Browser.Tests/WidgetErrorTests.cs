namespace Concierge.Browser.Tests;

/// <summary>What a visitor sees when a message cannot go out: too long, or the network is down.</summary>
public sealed class WidgetErrorTests(Chromium chromium, ConciergeSite site) : BrowserTest<ConciergeSite>(chromium, site), IClassFixture<ConciergeSite>
{
    [Fact]
    public async Task AMessageOverFourThousandCharactersShowsAFriendlyErrorAndIsNotSent()
    {
        var visitor = await VisitorWithWidgetOpen();
        var input = visitor.GetByTestId("widget-input");
        await Expect(input).ToHaveAttributeAsync("maxlength", "4000");
        // maxlength stops typing and pasting; a script (or an old browser) can still put more in the box.
        await input.EvaluateAsync("el => { el.value = '长'.repeat(4001); el.dispatchEvent(new Event('input')); }");
        var posts = 0;
        visitor.Request += (_, r) => { if (r.Url.EndsWith("/widget/v1/messages", StringComparison.Ordinal) && r.Method == "POST") posts++; };

        await visitor.GetByTestId("widget-send").ClickAsync();

        var error = visitor.GetByTestId("widget-error");
        await Expect(error).ToBeVisibleAsync();
        await Expect(error).ToHaveTextAsync(new Regex("太长|超过"));   // "too long", in the visitor's language
        await Expect(visitor.GetByTestId("widget-message")).ToHaveCountAsync(0);
        posts.ShouldBe(0);
        await Screenshots.Save(visitor, "widget-error-too-long-zh");
    }

    [Fact]
    public async Task AMessageTypedOfflineIsDeliveredOnceTheVisitorIsBackOnline()
    {
        var visitor = await VisitorWithWidgetOpen();
        var conversation = await SendFromWidget(visitor, Unique("第一条"));

        await visitor.Context.SetOfflineAsync(true);
        var text = Unique("断网时发的消息");
        await visitor.GetByTestId("widget-input").FillAsync(text);
        await visitor.GetByTestId("widget-input").PressAsync("Enter");
        var error = visitor.GetByTestId("widget-error");
        await Expect(error).ToHaveTextAsync(new Regex("发送失败|重试|网络"));   // "not sent yet, will retry"
        var bubble = visitor.GetByTestId("widget-message").Filter(new() { HasText = text });
        await Expect(bubble).ToBeVisibleAsync();
        await Screenshots.Save(visitor, "widget-offline-zh");

        await visitor.Context.SetOfflineAsync(false);
        await Expect(error).ToBeHiddenAsync(new() { Timeout = 20_000 });
        await Expect(bubble).ToContainTextAsync("我 ·", new() { Timeout = 20_000 });
        await Expect(bubble).ToHaveCountAsync(1);

        // Stored once, in the same conversation, where the agent reads it.
        var agent = await SignInAsAgent("lina@lumen.demo");
        await agent.GotoAsync($"/inbox/{conversation}");
        await Expect(agent.GetByTestId("message").Filter(new() { HasText = text })).ToHaveCountAsync(1);
    }
}
