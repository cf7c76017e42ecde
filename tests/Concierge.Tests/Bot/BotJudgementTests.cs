using Concierge.Tests.Infrastructure;

namespace Concierge.Tests.Bot;

/// <summary>
/// The bot's judgement between its paths, on the demo knowledge base: asking for a person in other words hands off (and
/// products with "robot" in their name do not); complaint words alone do not hand off a question the knowledge base
/// answers, real anger does; a general question containing a skill's trigger phrase gets the FAQ, the customer's own order
/// gets the skill.
/// </summary>
public sealed class BotJudgementTests : IAsyncLifetime
{
    private readonly ConciergeApp _app = new(bot: true);
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [InlineData("别让机器人回答了")]
    [InlineData("能不能换个人来跟我说")]
    [InlineData("叫你们客服小哥出来")]
    [InlineData("get me a person please")]
    [InlineData("I need a person please, my parcel is late.")]
    [InlineData("Agent")]
    [InlineData("good morning, agent please!")]
    [InlineData("I don't want to talk to a bot")]
    public async Task AskingForAPersonInOtherWordsHandsOff(string text)
    {
        var (_, turn) = await _app.AskBot(text);
        turn.Str("action").ShouldBe("handoff");
        turn.Str("reason").ShouldContain("asked for a human");
    }

    [Theory]
    [InlineData("不要扫地机器人了，拆封了还能退吗")]
    [InlineData("my robot vacuum is not charging, what should I do")]
    [InlineData("羽绒服可以不用机器洗吗")]
    [InlineData("I need someone to fix my washing machine")]
    public async Task ProductsWithRobotOrMachineInTheirNameAreNotARequestForAPerson(string text)
    {
        var (_, turn) = await _app.AskBot(text);
        turn.Str("reason").ShouldNotContain("asked for a human");
    }

    [Theory]
    [InlineData("投诉渠道有哪些", "complaints-how", "转人工")]
    [InlineData("How long does it take to handle a complaint?", "complaints-time", "Talk to a human")]
    public async Task AComplaintQuestionTheKnowledgeBaseAnswersIsAnsweredWithAPersonOffered(string text, string faqKey, string human)
    {
        var (sent, turn) = await _app.AskBot(text);
        turn.Str("action").ShouldBe("answer");
        turn.Str("faqKey").ShouldBe(faqKey);
        sent.GetProperty("replies")[0].GetProperty("quickReplies").EnumerateArray().Select(q => q.GetString()).ShouldContain(human);
    }

    [Theory]
    [InlineData("亲，在吗？请问发票怎么开，谢谢！", "invoice-how")]
    [InlineData("Hi there, how do I cancel my order? Thanks!", "order-cancel")]
    public async Task AQuestionWrappedInGreetingsAndThanksIsAnsweredLikeTheBareOne(string text, string faqKey)
    {
        var (_, turn) = await _app.AskBot(text);
        turn.Str("action").ShouldBe("answer");
        turn.Str("faqKey").ShouldBe(faqKey);
    }

    [Fact]
    public async Task RealAngerStillHandsOffAtOnce()
    {
        var (_, turn) = await _app.AskBot("我要投诉！你们太过分了！气死我了！");
        turn.Str("action").ShouldBe("handoff");
        turn.Str("reason").ShouldStartWith("Anger");
    }

    [Fact]
    public async Task AGeneralQuestionGetsTheFaqAndTheCustomersOwnOrderGetsTheSkill()
    {
        var (_, general) = await _app.AskBot("物流信息在哪");
        general.Str("action").ShouldBe("answer");
        general.Str("faqKey").ShouldBe("shipping-tracking");

        var (_, own) = await _app.AskBot("我的订单到哪了");
        own.Str("action").ShouldBe("skill");
    }
}
