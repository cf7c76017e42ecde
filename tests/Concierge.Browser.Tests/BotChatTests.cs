using System.Net.Http.Headers;
using System.Text;

namespace Concierge.Browser.Tests;

/// <summary>
/// The bot in a real browser: a visitor asks, the bot answers from the knowledge base, asks which question the visitor
/// means when two are equally likely (quick-reply buttons), and hands over on request; the agent receives the
/// conversation with the whole bot exchange and sees why the bot said what it said.
/// </summary>
public sealed class BotChatTests(Chromium chromium, ConciergeSite site) : BrowserTest<ConciergeSite>(chromium, site), IClassFixture<ConciergeSite>
{
    // Two FAQs share a phrasing on purpose: "我想退款" could mean either, so the bot must ask.
    private const string Knowledge = """
        faq_id,question,answer,category
        shipping-fee,运费怎么算,订单满 99 元包邮，不满 99 元收取 8 元运费。,shipping
        shipping-fee,邮费多少钱,,
        shipping-fee,要付运费吗,,
        shipping-fee,how much is shipping,,
        refund-how,怎么申请退款,在订单详情页点击“申请退款”，选择原因并提交即可。,refunds
        refund-how,退款怎么申请,,
        refund-how,我想退款,,
        refund-how,how do I ask for a refund,,
        refund-time,退款多久到账,退款审核通过后 1–3 个工作日原路退回。,refunds
        refund-time,退款几天能到,,
        refund-time,我想退款,,
        refund-time,when will I get my refund,,
        """;

    private async Task ImportKnowledge()
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(Knowledge));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "kb.csv");
        var response = await Site.Http("cat_demo_admin_8b1d5f3e").PostAsync("/api/v1/knowledge/import?mode=replace&publish=true", form);
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheBotAnswersAsksWhenUnsureAndHandsOverWithTheWholeExchange()
    {
        await ImportKnowledge();
        var visitor = await VisitorWithWidgetOpen();

        var conversation = await SendFromWidget(visitor, "运费怎么算");
        await Expect(visitor.GetByTestId("widget-messages")).ToContainTextAsync("满 99 元包邮");

        await SendFromWidget(visitor, "我想退款");
        var choices = visitor.GetByTestId("widget-quick-replies");
        await Expect(choices).ToBeVisibleAsync();
        await Screenshots.Save(visitor, "widget-bot-clarify-zh");
        await choices.GetByRole(AriaRole.Button, new() { Name = "退款多久到账" }).ClickAsync();
        await Expect(visitor.GetByTestId("widget-messages")).ToContainTextAsync("1–3 个工作日");

        await SendFromWidget(visitor, "转人工");
        await Expect(visitor.GetByTestId("widget-messages")).ToContainTextAsync("人工客服");

        var agent = await SignInAsAgent("lina@lumen.demo");
        await WaitUntilLive(agent);
        await Expect(ConversationItem(agent, conversation)).ToBeVisibleAsync();
        await OpenConversation(agent, conversation);
        var timeline = agent.GetByTestId("timeline");
        await Expect(timeline).ToContainTextAsync("满 99 元包邮");
        await Expect(timeline).ToContainTextAsync("1–3 个工作日");
        await Expect(timeline).ToContainTextAsync("转人工");
        await Expect(agent.GetByTestId("bot-why").First).ToBeVisibleAsync();
        await agent.GetByTestId("bot-why").First.ClickAsync();
        await Expect(agent.GetByTestId("bot-why").First).ToContainTextAsync("shipping-fee");
        await Screenshots.Save(agent, "inbox-bot-handoff-zh");
    }
}
