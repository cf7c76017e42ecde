namespace Concierge.Browser.Tests;

/// <summary>A Concierge configured with a lower message limit than the widget's own 4,000-character check.</summary>
public sealed class SmallMessageLimitSite() : ConciergeSite(new Dictionary<string, string> { ["Concierge:MaxMessageLength"] = "50" });

/// <summary>When the server refuses a message the widget let through, the visitor is told why, in their language.</summary>
public sealed class WidgetRefusalTests(Chromium chromium, SmallMessageLimitSite site)
    : BrowserTest<SmallMessageLimitSite>(chromium, site), IClassFixture<SmallMessageLimitSite>
{
    [Fact]
    public async Task AMessageTheServerRefusesIsDroppedWithAnErrorInTheVisitorsLanguage()
    {
        var visitor = await VisitorWithWidgetOpen();
        var tooLong = string.Concat(Enumerable.Repeat("我的订单还没有发货", 7)); // 63 characters
        await visitor.GetByTestId("widget-input").FillAsync(tooLong);
        var response = await visitor.RunAndWaitForResponseAsync(
            () => visitor.GetByTestId("widget-input").PressAsync("Enter"),
            r => r.Url.EndsWith("/widget/v1/messages", StringComparison.Ordinal) && r.Request.Method == "POST");
        response.Status.ShouldBe(400);

        var error = visitor.GetByTestId("widget-error");
        await Expect(error).ToBeVisibleAsync();
        // Not retried, not left pending: the refused message leaves the widget and the visitor can write again.
        await Expect(visitor.GetByTestId("widget-message").Filter(new() { HasText = tooLong })).ToHaveCountAsync(0);
        await Screenshots.Save(visitor, "widget-error-refused-zh");
        var shown = await error.InnerTextAsync();

        await SendFromWidget(visitor, "短一点的消息");
        await Expect(error).ToBeHiddenAsync();

        // The widget speaks the visitor's language everywhere else; a refusal should too, not the API's English detail.
        shown.ShouldMatch(@"\p{IsCJKUnifiedIdeographs}", $"a Chinese-speaking visitor was shown \"{shown}\"");
    }
}
