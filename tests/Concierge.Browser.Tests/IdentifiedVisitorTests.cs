using System.Net.Http.Json;

namespace Concierge.Browser.Tests;

/// <summary>
/// A shop user signed in on the website (/demo?user=u-1001) is the same customer as u-1001 on the app API: the widget shows
/// their history, and the agent sees their conversations on every channel beside the current one.
/// </summary>
public sealed class IdentifiedVisitorTests(Chromium chromium, ConciergeSite site) : BrowserTest<ConciergeSite>(chromium, site), IClassFixture<ConciergeSite>
{
    [Fact]
    public async Task TheAgentSeesAnIdentifiedVisitorsAppConversationsBesideTheirWebsiteChat()
    {
        var ct = TestContext.Current.CancellationToken;
        var inApp = Unique("App 里下的订单还没到");
        Guid appConversation;
        using (var app = Site.Http(ConciergeSite.AppApiKey))
        {
            var posted = await app.PostAsJsonAsync($"/api/v1/inboxes/{ConciergeSite.AppInbox}/messages",
                new { customer = new { externalId = "u-1001", name = "王芳" }, text = inApp }, ct);
            posted.EnsureSuccessStatusCode();
            var body = await posted.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(ct);
            appConversation = body.GetProperty("conversationId").GetGuid();
        }

        var visitor = await VisitorWithWidgetOpen("zh-CN", "?user=u-1001&name=王芳");
        // The demo data gave 王芳 an earlier website chat about a broken filter; the widget shows it.
        await Expect(visitor.GetByTestId("widget-messages")).ToContainTextAsync("滤芯");
        var onWeb = Unique("新滤芯什么时候寄出");
        var conversation = await SendFromWidget(visitor, onWeb);
        await Screenshots.Save(visitor, "widget-identified-zh");

        // Wang Qiang supervises both inboxes, so he may see both of her conversations.
        var agent = await SignInAsAgent("wangqiang@lumen.demo");
        await WaitUntilLive(agent);
        await OpenConversation(agent, conversation);
        await Expect(agent.GetByTestId("timeline")).ToContainTextAsync(onWeb);
        var side = agent.Locator("#pane-side");
        await Expect(side).ToContainTextAsync("王芳");
        await Expect(side).ToContainTextAsync("u-1001");
        // Her app conversation is listed beside this one (its preview is the latest message, perhaps the bot's answer).
        var others = agent.GetByTestId("other-conversations");
        var appLink = others.Locator($"a[href^='/inbox/{appConversation}']");
        await Expect(appLink).ToBeVisibleAsync();
        await Expect(appLink).ToContainTextAsync("App 客服 Mobile app");
        await Screenshots.Save(agent, "inbox-identified-zh");

        // The side panel links to the other conversation; it opens with its messages, and lists the website chat in turn.
        await appLink.ClickAsync();
        await Expect(agent).ToHaveURLAsync(new Regex($"/inbox/{appConversation}"));
        await Expect(agent.GetByTestId("timeline")).ToContainTextAsync(inApp);
        await Expect(agent.GetByTestId("other-conversations").Locator($"a[href^='/inbox/{conversation}']")).ToBeVisibleAsync();
    }
}
