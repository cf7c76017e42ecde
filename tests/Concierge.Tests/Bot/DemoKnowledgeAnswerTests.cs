using Concierge.Tests.Infrastructure;

namespace Concierge.Tests.Bot;

/// <summary>A customer who types the knowledge base's own question (copied from a help page, say) gets its answer.</summary>
public sealed class DemoKnowledgeAnswerTests : IAsyncLifetime
{
    private readonly ConciergeApp _app = new(bot: true);
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [InlineData("运费怎么算？", "shipping-fee")]
    [InlineData("运费怎么算", "shipping-fee")]
    [InlineData("How much is shipping?", "shipping-fee")]
    public async Task TheStandardQuestionItselfIsAnswered(string question, string faqKey)
    {
        var (_, turn) = await _app.AskBot(question);
        turn.Str("action").ShouldBe("answer");
        turn.Str("faqKey").ShouldBe(faqKey);
    }
}
