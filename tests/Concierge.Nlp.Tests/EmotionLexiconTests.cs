using Concierge.Nlp.Sentiment;
using Concierge.Nlp.Text;

namespace Concierge.Nlp.Tests;

public class EmotionLexiconTests
{
    private static EmotionScores Score(string text) => EmotionLexicon.Default.Score(text);

    [Theory]
    [InlineData("非常满意,客服很耐心", "satisfied")]
    [InlineData("very happy with the service, thanks!", "satisfied")]
    [InlineData("质量太差了,很失望", "disappointed")]
    [InlineData("I'm disappointed, the charger arrived broken", "disappointed")]
    [InlineData("你们这是欺骗消费者,气死我了", "angry")]
    [InlineData("This is ridiculous and unacceptable", "angry")]
    [InlineData("急急急,到底什么时候发货", "anxious")]
    [InlineData("please reply asap, I'm still waiting", "anxious")]
    [InlineData("我想查一下订单", "neutral")]
    [InlineData("How do I change my address?", "neutral")]
    public void TheDominantEmotionFollowsTheWording(string text, string dominant) =>
        Score(text).Dominant.ShouldBe(dominant);

    [Theory]
    [InlineData("我要投诉你们")]
    [InlineData("再不处理我就打12315")]
    [InlineData("我要去消协曝光你们")]
    [InlineData("I will file a chargeback and call my lawyer")]
    public void EscalationCuesReadAsStrongAnger(string text)
    {
        var scores = Score(text);
        scores.Dominant.ShouldBe("angry");
        scores.Angry.ShouldBeGreaterThan(0.75);
    }

    [Fact]
    public void NegatedSatisfactionIsNegative()
    {
        Score("不满意").Polarity.ShouldBeLessThan(0);
        Score("不太满意").Polarity.ShouldBeLessThan(0);
        Score("not happy at all").Polarity.ShouldBeLessThan(0);
        Score("not happy at all").Dominant.ShouldBe("disappointed");
    }

    [Fact]
    public void NotVerySatisfiedIsMilderThanNotSatisfied()
    {
        Score("不太满意").Disappointed.ShouldBeLessThan(Score("不满意").Disappointed);
        Score("not very happy").Disappointed.ShouldBeLessThan(Score("not happy").Disappointed);
    }

    [Theory]
    [InlineData("没有问题")]
    [InlineData("没问题")]
    [InlineData("不急")]
    [InlineData("no problem")]
    [InlineData("不好意思,问一下")]
    public void NegatedOrIdiomaticNegativesAreNotNegative(string text)
    {
        var scores = Score(text);
        scores.Polarity.ShouldBeGreaterThanOrEqualTo(0);
        scores.Dominant.ShouldBe("neutral");
    }

    [Fact]
    public void DegreeAdverbsStrengthenTheEmotion()
    {
        Score("非常失望").Disappointed.ShouldBeGreaterThan(Score("失望").Disappointed);
        Score("有点失望").Disappointed.ShouldBeLessThan(Score("失望").Disappointed);
        Score("very disappointed").Disappointed.ShouldBeGreaterThan(Score("disappointed").Disappointed);
    }

    [Fact]
    public void ExclamationMarksRaiseTheIntensity()
    {
        Score("太差劲了!!!").Angry.ShouldBeGreaterThan(Score("太差劲了").Angry);
        Score("ridiculous!!!").Polarity.ShouldBeLessThan(Score("ridiculous").Polarity);
    }

    [Fact]
    public void RepeatedQuestionMarksSignalImpatience()
    {
        var scores = Score("怎么还没发货？？？");
        scores.Dominant.ShouldBe("anxious");
        scores.Anxious.ShouldBeGreaterThan(Score("怎么还没发货").Anxious);
    }

    [Fact]
    public void TheClauseAfterButCountsMore()
    {
        var scores = Score("谢谢你们,但是东西还是坏了");
        scores.Dominant.ShouldBe("disappointed");
        scores.Polarity.ShouldBeLessThan(0);
    }

    [Fact]
    public void EmojiCarryEmotion()
    {
        Score("😡😡").Dominant.ShouldBe("angry");
        Score("收到了👍").Dominant.ShouldBe("satisfied");
    }

    [Fact]
    public void TraditionalChineseIsScoredLikeSimplified() =>
        Score("非常滿意").ShouldBe(Score("非常满意"));

    [Fact]
    public void ScoresStayInRange()
    {
        foreach (var text in new[] { "投诉投诉投诉12315律师报警曝光!!!!!!!!", "满意满意满意完美完美!!!!", "", "???" })
        {
            var s = Score(text);
            s.Polarity.ShouldBeInRange(-1, 1);
            foreach (var v in new[] { s.Angry, s.Anxious, s.Disappointed, s.Satisfied }) v.ShouldBeInRange(0, 1);
        }
    }

    [Fact]
    public void ScoringFromTokensMatchesScoringFromText()
    {
        const string text = "物流太慢了,非常失望";
        var normalized = TextNormalizer.Normalize(text);
        EmotionLexicon.Default.Score(Segmenter.Default.Segment(normalized), normalized).ShouldBe(Score(text));
    }

    [Fact]
    public void EmptyTextIsNeutral() => Score("").ShouldBe(EmotionScores.Neutral);
}
