namespace Concierge.Browser.Tests;

/// <summary>The sign-in page in both languages, and what a wrong password looks like.</summary>
public sealed class SignInTests(Chromium chromium, ConciergeSite site) : BrowserTest<ConciergeSite>(chromium, site), IClassFixture<ConciergeSite>
{
    [Theory]
    [InlineData("zh-CN", "zh")]
    [InlineData("en", "en")]
    public async Task AWrongPasswordShowsAnErrorAndKeepsTheVisitorOnTheSignInPage(string language, string suffix)
    {
        var page = await NewPage(language, 1440, 900);
        await page.GotoAsync($"/culture?c={language}&redirect=/login");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = Text("Sign in to your workspace", language) })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await Screenshots.Save(page, $"login-{suffix}");

        await page.Locator("input[name=email]").FillAsync("lina@lumen.demo");
        await page.Locator("input[name=password]").FillAsync("not-the-password");
        await page.Locator("form[action='/account/login'] [type=submit]").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/login\\?error="));
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(Text("Wrong email or password.", language));
        await Screenshots.Save(page, $"login-error-{suffix}");

        // Nothing behind the sign-in page opens without signing in.
        await page.GotoAsync("/inbox");
        await Expect(page).ToHaveURLAsync(new Regex("/login"));
    }
}
