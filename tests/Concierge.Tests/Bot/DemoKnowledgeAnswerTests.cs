using Concierge.Tests.Infrastructure;

namespace Concierge.Tests.Bot;

/// <summary>A customer who types the knowledge base's own question (copied from a help page, say), or nearly, gets its answer.</summary>
public sealed class DemoKnowledgeAnswerTests : IAsyncLifetime
{
    private readonly ConciergeApp _app = new(bot: true);
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [InlineData("运费怎么算？", "shipping-fee")]
    [InlineData("运费怎么算", "shipping-fee")]
    [InlineData("How much is shipping?", "shipping-fee")]
    // One word the knowledge base never uses ("计算" for "算", "开出来") must not turn a close paraphrase into "none of
    // these": the decision model once learned that a high cosine to a phrasing means a wrong answer and refused these.
    [InlineData("运费怎么计算", "shipping-fee")]
    [InlineData("电子发票多久能开出来", "invoice-time")]
    public async Task TheStandardQuestionOrACloseParaphraseIsAnswered(string question, string faqKey)
    {
        var (_, turn) = await _app.AskBot(question);
        turn.Str("action").ShouldBe("answer");
        turn.Str("faqKey").ShouldBe(faqKey);
    }
}
