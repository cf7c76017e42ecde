namespace Concierge.Browser.Tests;

/// <summary>
/// Routing and the workbench in a real browser: an angry VIP customer reaches the senior agent (not the junior one who is
/// also online), who sees the summary and soothing suggestions and answers with one click; the supervisor sees the load.
/// </summary>
public sealed class RoutingWorkbenchTests(Chromium chromium, ConciergeSite site) : BrowserTest<ConciergeSite>(chromium, site), IClassFixture<ConciergeSite>
{
    [Fact]
    public async Task AnAngryVipReachesTheSeniorAgentWhoAnswersWithASoothingSuggestion()
    {
        // The demo's 王芳 has an open website conversation from earlier; close it so her new message starts afresh with the bot.
        var admin = Site.Http("cat_demo_admin_8b1d5f3e");
        using (var open = System.Text.Json.JsonDocument.Parse(await admin.GetStringAsync($"/api/v1/conversations?filter=open&inboxId={ConciergeSite.WebInbox}&search=u-1001", TestContext.Current.CancellationToken)))
            foreach (var c in open.RootElement.EnumerateArray())
                (await admin.PostAsync($"/api/v1/conversations/{c.GetProperty("id").GetGuid()}/resolve", null, TestContext.Current.CancellationToken)).IsSuccessStatusCode.ShouldBeTrue();

        // Opening the workbench brings an agent online: Li Na (senior) and Zhang Wei (junior) both can take website chats.
        var zhang = await SignInAsAgent("zhangwei@lumen.demo");
        await WaitUntilLive(zhang);
        var lina = await SignInAsAgent("lina@lumen.demo");
        await WaitUntilLive(lina);
        await Expect(lina.GetByTestId("presence")).ToHaveValueAsync("online");

        // 王芳 is a gold VIP in the demo data.
        var visitor = await VisitorWithWidgetOpen("zh-CN", "?user=u-1001&name=王芳");
        var conversation = await SendFromWidget(visitor, "你们太过分了！订单 DD20261114001 的退款拖了两个星期还没到账，我非常生气，马上给我转人工！");

        await Expect(ConversationItem(lina, conversation)).ToBeVisibleAsync();
        await OpenConversation(lina, conversation);
        await Expect(lina.Locator("#pane-head")).ToContainTextAsync("李娜 Li Na");
        await Expect(lina.GetByTestId("message-emotion").First).ToBeVisibleAsync();
        await Expect(lina.GetByTestId("summary")).ToContainTextAsync("DD20261114001");
        await Expect(lina.GetByTestId("emotion-now")).ToContainTextAsync("愤怒");
        var soothing = lina.GetByTestId("soothing");
        await Expect(soothing).ToBeVisibleAsync();
        await lina.GetByTestId("routing-why").ClickAsync();
        await Expect(lina.GetByTestId("routing-why")).ToContainTextAsync("VIP");
        await Screenshots.Save(lina, "inbox-vip-angry-routed-zh");

        await soothing.GetByTestId("use-soothing").Nth(1).ClickAsync();
        var text = await lina.GetByTestId("composer").InputValueAsync();
        text.ShouldContain("王芳");
        await lina.GetByTestId("composer").PressAsync("Enter");
        await Expect(lina.GetByTestId("timeline")).ToContainTextAsync(text);
        await Expect(visitor.GetByTestId("widget-messages")).ToContainTextAsync(text);

        // Zhang Wei was online too, but the conversation is not his.
        await zhang.GotoAsync("/inbox?filter=mine");
        await Expect(ConversationItem(zhang, conversation)).ToHaveCountAsync(0);

        var supervisor = await SignInAsAgent("wangqiang@lumen.demo");
        await supervisor.GotoAsync("/supervisor");
        await Expect(supervisor.GetByTestId("agents")).ToContainTextAsync("李娜 Li Na");
        await Screenshots.Save(supervisor, "supervisor-zh");
    }

    [Fact]
    public async Task AnAdminSetsTheBotRolloutAndOpeningHoursAndManagesSavedReplies()
    {
        var admin = await SignInAsAdmin();
        await admin.GotoAsync($"/admin/inboxes?edit={ConciergeSite.AppInbox}");
        var settings = admin.GetByTestId("routing-settings");
        await Expect(settings).ToBeVisibleAsync();
        await admin.GetByTestId("rollout").SelectOptionAsync("bot-review");
        await Screenshots.Save(admin, "admin-inbox-routing-zh");
        await admin.GetByTestId("save-inbox").ClickAsync();
        await Expect(admin.GetByTestId("inbox-card").Last).ToContainTextAsync("机器人应答、人工复核");

        await admin.GotoAsync("/admin/canned");
        await Expect(admin.GetByTestId("canned-table")).ToContainTextAsync("/sorry");
        await admin.GetByTestId("new-canned").ClickAsync();
        await admin.GetByTestId("canned-shortcut").FillAsync("sorry");
        await admin.GetByTestId("canned-title").FillAsync("重复");
        await admin.GetByTestId("canned-body").FillAsync("抱歉");
        await admin.Locator("select").First.SelectOptionAsync("zh");
        await admin.GetByTestId("save-canned").ClickAsync();
        await Expect(admin.GetByTestId("form-error")).ToContainTextAsync("/sorry");
        await Screenshots.Save(admin, "admin-canned-zh");
    }
}
