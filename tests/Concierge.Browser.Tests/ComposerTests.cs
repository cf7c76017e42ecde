namespace Concierge.Browser.Tests;

/// <summary>
/// Internal notes and saved replies in the composer. A site of its own: with other agents left online by another test
/// the router could give this conversation to one of them, and Tom's reply would rightly be refused.
/// </summary>
public sealed class ComposerTests(Chromium chromium, ConciergeSite site) : BrowserTest<ConciergeSite>(chromium, site), IClassFixture<ConciergeSite>
{
    [Fact]
    public async Task NotesStayInternalAndSavedRepliesComeWithASlash()
    {
        var (tom, visitor, _) = await TomOpensAHandedOffEnglishChat("Please connect me to a real person, I have a question about an invoice.");
        await tom.GetByTestId("mode-note").ClickAsync();
        await tom.GetByTestId("composer").FillAsync("@lina do we issue invoices for gift cards?");
        await tom.GetByTestId("composer").PressAsync("Enter");
        await Expect(tom.GetByTestId("note").Last).ToContainTextAsync("gift cards");

        await tom.GetByTestId("composer").FillAsync("/inv");
        await Expect(tom.GetByTestId("canned-item").First).ToBeVisibleAsync();
        await Screenshots.Save(tom, "inbox-canned-en");
        await tom.GetByTestId("composer").PressAsync("Enter");
        await Expect(tom.GetByTestId("composer")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("e-invoice"));
        await tom.GetByTestId("composer").PressAsync("Enter");
        await Expect(tom.GetByTestId("timeline")).ToContainTextAsync("e-invoice");
        await Expect(visitor.GetByTestId("widget-messages")).ToContainTextAsync("e-invoice");
        await Expect(visitor.GetByTestId("widget-messages")).Not.ToContainTextAsync("gift cards");
    }
}
