using Concierge.Nlp.Text;

namespace Concierge.Nlp.Keywords;

/// <summary>
/// Words that never make a keyword or a grouping feature: jieba's stop-word list (MIT, Chinese + English) plus our
/// additions for the filler of customer-service chat (请问, 一下, 麻烦, please, hi) that the general list lacks.
/// </summary>
internal static class StopWords
{
    private static readonly Lazy<HashSet<string>> s_words = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private const string Additions = """
        请问 一下 问一下 想问 我要 我想 我的 麻烦 帮我 帮忙 你们 您 您好 你好 谢谢 多谢 感谢 在吗 在不在 有人吗 亲 客服 老师 一个 这个 那个 这样 那样
        什么 怎么样 怎样 能不能 可不可以 是不是 有没有 会不会 要不要 知道 想 要 想要 需要 现在 还 还是 就 都 也 又 再 吧 呢 啊 呀
        嗯 哦 哈 哈哈 好的 好 行 对 是 不是 了 的 得 地 着 过 啦 嘛 么 咋 咋办 怎么办 请 下 能 会 可以 应该 已经 一直 然后 但是
        please hi hello hey thanks thank thx ok okay yes yeah yep no sir madam dear pls plz can could would will i'm i've i'd it's
        don't doesn't didn't can't won't isn't what's how's there's let's you're we're they're just also still get got
        """;

    public static bool Contains(string word) => s_words.Value.Contains(word);

    private static HashSet<string> Load()
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var text = EmbeddedData.ReadAllText("jieba-stopwords.txt.gz");
        foreach (var line in EmbeddedData.Lines(text)) words.Add(line.Trim().ToString());
        foreach (var word in Additions.Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)) words.Add(word);
        return words;
    }
}
