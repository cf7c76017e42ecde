using Concierge.Tests.Infrastructure;

namespace Concierge.Tests.Bot;

/// <summary>
/// The bot answers from the text of articles (the demo's appliance care guide), not only from FAQ questions: the matching
/// sentences with their source, explained like any answer; a question no section covers is still not answered.
/// </summary>
public sealed class ArticleAnswerTests : IAsyncLifetime
{
    private readonly ConciergeApp _app = new(bot: true);
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [InlineData("HEPA滤芯能不能用水洗？", "不能水洗", "——摘自《空气净化器：滤芯与日常保养》")]
    [InlineData("加湿器用自来水可以吗", "纯净水或凉开水", "——摘自《加湿器：清洁与用水》")]
    [InlineData("my humidifier leaves white dust on the furniture", "purified or boiled water", "(From “Humidifiers: cleaning and water”)")]
    [InlineData("the washing machine shakes a lot when spinning", "transit bolts", "(From “Washing machines: first use and cleaning”)")]
    public async Task AQuestionAnsweredInAGuideGetsTheSentencesThatAnswerItAndTheirSource(string question, string expected, string source)
    {
        var (sent, turn) = await _app.AskBot(question);
        var text = sent.GetProperty("replies")[0].Str("text");
        text.ShouldContain(expected);
        text.ShouldEndWith(source);
        text.Length.ShouldBeLessThan(500);

        turn.Str("action").ShouldBe("answer");
        turn.Str("faqKey").ShouldStartWith("article:care-guide-");
    }

    [Fact]
    public async Task AgentsSearchingTheKnowledgeBaseAlsoGetTheGuidePassageThatAnswers()
    {
        var tom = await _app.Agent("tom@lumen.demo");
        var found = await tom.GetJson("/api/v1/knowledge/search?q=" + Uri.EscapeDataString("HEPA滤芯能不能用水洗？"));

        found.EnumerateArray().ShouldContain(s => s.Str("key").StartsWith("article:care-guide-zh") && s.Str("answer").Contains("不能水洗"));
    }

    [Theory]
    [InlineData("What's the capital of France?")]
    [InlineData("明天北京天气怎么样")]
    public async Task AQuestionNoGuideCoversIsStillNotAnswered(string question)
    {
        var (_, turn) = await _app.AskBot(question);
        turn.Str("action").ShouldBe("fallback");
    }
}
