namespace Concierge.Browser.Tests;

/// <summary>
/// Two people in one conversation: the assigned agent and a supervisor who opens it see each other. A site of its own:
/// the supervisor stays online afterwards and would take the next English chat from whoever comes next.
/// </summary>
public sealed class ColleagueTests(Chromium chromium, ConciergeSite site) : BrowserTest<ConciergeSite>(chromium, site), IClassFixture<ConciergeSite>
{
    [Fact]
    public async Task ColleaguesInTheSameConversationSeeEachOtherViewingAndTyping()
    {
        var (tom, _, conversation) = await TomOpensAHandedOffEnglishChat("I need a person please, my parcel is late.");

        // The supervisor opens the same conversation: each sees the other at once (not at the next 10-second ping).
        var supervisor = await SignInAsAgent("wangqiang@lumen.demo");
        await supervisor.GotoAsync($"/inbox/{conversation}?filter=all");
        await WaitUntilLive(supervisor);
        await Expect(tom.GetByTestId("colleagues")).ToContainTextAsync("王强 Wang Qiang is viewing");
        await Expect(supervisor.GetByTestId("colleagues")).ToContainTextAsync("Tom Baker 正在查看");

        await tom.GetByTestId("composer").PressSequentiallyAsync("Let me check that for you");
        await Expect(supervisor.GetByTestId("colleagues")).ToContainTextAsync("Tom Baker 正在输入");
        await Screenshots.Save(supervisor, "inbox-colleague-typing-zh");
    }
}
