using System.Globalization;
using System.Text.RegularExpressions;
using Concierge.Platform.Hosting;

namespace Concierge.Tests.Platform;

public sealed partial class TextsTests
{
    [Fact]
    public void EveryStringTheUiShowsHasAChineseTranslation()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Concierge.slnx"))) root = root.Parent;
        root.ShouldNotBeNull("the tests run inside the repository");
        var keys = Directory.EnumerateFiles(Path.Combine(root.FullName, "src", "Concierge"), "*.razor", SearchOption.AllDirectories)
            .SelectMany(f => Key().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Where(k => k.Length > 0)
            .ToHashSet();
        // Labels passed through variables (tabs, statuses, roles).
        keys.UnionWith(["Mine", "Unassigned", "All open", "Resolved", "With bot", "Waiting", "Assigned", "Admin", "Supervisor", "Agent", "Knowledge editor",
            "Published", "In review", "Drafts", "Archived", "Draft", "Marked not helpful", "Not answered", "Answered from the knowledge base",
            "Asked which question the customer meant", "Did not know", "Handed over to a human", "Ran a skill", "Small talk",
            "Online", "Busy", "Away", "Offline", "Angry", "Anxious", "Disappointed", "Satisfied", "Neutral", "Junior", "Senior", "Expert",
            "Follow-ups", "shipped", "delivered", "processing", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
            "Bot answers, agents review", "Human first", "Bot first"]);

        keys.Count.ShouldBeGreaterThan(50);
        keys.Where(k => !TextsZh.All.ContainsKey(k)).ShouldBeEmpty();
    }

    [GeneratedRegex("""T\["((?:[^"\\]|\\.)*)"[\],]""")]
    private static partial Regex Key();

    [Fact]
    public void TheLanguageFollowsTheRequestCulture()
    {
        var texts = new Texts();
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
            texts["Send"].Value.ShouldBe("发送");
            texts["{0} is typing…", "王芳"].Value.ShouldBe("王芳 正在输入…");
            CultureInfo.CurrentUICulture = new CultureInfo("en");
            texts["Send"].Value.ShouldBe("Send");
        }
        finally { CultureInfo.CurrentUICulture = before; }
    }

    [Fact]
    public void TranslationsKeepTheirPlaceholders()
    {
        foreach (var (key, zh) in TextsZh.All)
        {
            foreach (Match m in Placeholder().Matches(key)) zh.ShouldContain(m.Value, customMessage: key);
        }
    }

    [GeneratedRegex(@"\{\d\}")]
    private static partial Regex Placeholder();
}
