using System.Net;
using System.Text.Json;
using Concierge.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Concierge.Tests.Bot;

/// <summary>The order skills through the app API, against the demo order service running inside the same server.</summary>
public sealed class OrderSkillApiTests : IAsyncLifetime
{
    private readonly ConciergeApp _app = new(bot: true);
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static string Replies(JsonElement sent) =>
        string.Join("\n", sent.GetProperty("replies").EnumerateArray().Select(r => r.Str("text")));

    private static IReadOnlyList<string> QuickReplies(JsonElement sent) =>
        sent.GetProperty("replies").EnumerateArray().Last().GetProperty("quickReplies").EnumerateArray().Select(q => q.GetString()!).ToList();

    [Fact]
    public async Task AChineseCustomerIsAskedForTheOrderNumberThenGetsCourierAndTrackingNumber()
    {
        var app = _app.App();
        Replies(await app.CustomerSays("u-zh-new", "我想查一下订单状态")).ShouldContain("订单号");
        // Not this customer's order: the demo order system shows an order only to its owner.
        Replies(await app.CustomerSays("u-zh-new", "DD20261114001")).ShouldContain("没有找到订单 DD20261114001");
    }

    [Fact]
    public async Task AnOrderNumberGivenEarlierInTheConversationIsNotAskedForAgain()
    {
        // The demo conversation of 王芳 (u-1001) already mentions DD20261114001.
        var answer = Replies(await _app.App().CustomerSays("u-1001", "我的订单到哪了", name: "王芳"));
        answer.ShouldContain("订单 DD20261114001 已发货，由顺丰速运配送");
        answer.ShouldContain("SF1402837465921");
    }

    [Fact]
    public async Task AnEnglishQuestionWithTheOrderNumberIsAnsweredInEnglish()
    {
        var answer = Replies(await _app.App().CustomerSays("u-1001", "Where is my order DD20261120005?"));
        answer.ShouldContain("Order DD20261120005 is being prepared and should ship by");
    }

    [Fact]
    public async Task AnAfterSalesRequestIsFiledEndToEndAfterConfirmation()
    {
        var app = _app.App();
        Replies(await app.CustomerSays("u-1001", "DD20261102003 到哪了")).ShouldContain("已签收");
        var asked = await app.CustomerSays("u-1001", "那退货呢?");
        Replies(asked).ShouldContain("原因");
        var confirm = await app.CustomerSays("u-1001", "耳机左边没有声音");
        Replies(confirm).ShouldContain("订单 DD20261102003，退货，原因：耳机左边没有声音");
        QuickReplies(confirm).ShouldBe(["确认提交", "取消"]);
        Replies(await app.CustomerSays("u-1001", "确认提交")).ShouldMatch(@"申请单号 AS\d{12}");
    }

    [Fact]
    public async Task TheDemoOrderServiceRefusesCallsWithoutTheConnectorKey()
    {
        var response = await _app.Http().GetAsync("/demo-api/orders/DD20261114001?customer=u-1001");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task WhenTheOrderSystemIsDownTheBotApologisesAndOffersAHuman()
    {
        // Port 9 (discard) on loopback: nothing listens, so the connection is refused at once.
        await using var down = _app.WithWebHostBuilder(b => b.UseSetting("Concierge:Connectors:Orders:BaseUrl", "http://127.0.0.1:9/"));
        // The derived factory runs in memory (no Kestrel), which is fine: with a BaseUrl the connector needs no own address.
        using var app = down.Server.CreateClient();
        app.DefaultRequestHeaders.Authorization = new("Bearer", ConciergeApp.AppKey);
        var sent = await app.CustomerSays("u-1001", "查订单 DD20261114001");
        Replies(sent).ShouldContain("订单系统暂时无法访问");
        QuickReplies(sent).ShouldBe(["转人工"]);
    }
}
