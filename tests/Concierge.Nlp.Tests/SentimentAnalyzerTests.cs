using Concierge.Nlp.Intents;
using Concierge.Nlp.Sentiment;

namespace Concierge.Nlp.Tests;

public class SentimentAnalyzerTests
{
    private static readonly LabeledText[] Reviews =
    [
        .. Rows("pos", "质量很好，非常满意", "物流很快，包装完好", "性价比高，推荐购买", "客服态度很好", "东西不错，下次还来",
            "very good quality, love it", "fast delivery and great service", "超级好用，好评", "颜色很正，穿着舒服", "宝贝收到了，很喜欢"),
        .. Rows("neg", "质量太差了，很失望", "物流太慢，等了一周", "客服态度恶劣", "用了两天就坏了", "和描述不符，要退货",
            "terrible quality, broke in a day", "never buying again, awful", "差评，做工粗糙", "颜色和图片差太多", "发错货了，很生气"),
    ];

    private static readonly Lazy<SentimentModel> Model = new(() => SentimentModel.Train(Reviews));

    private static IEnumerable<LabeledText> Rows(string label, params string[] texts) => texts.Select(t => new LabeledText(t, label));

    [Fact]
    public void TheDefaultAnalyzerWorksWithoutTraining()
    {
        SentimentAnalyzer.Default.Analyze("非常满意，谢谢").Polarity.ShouldBe("positive");
        SentimentAnalyzer.Default.Analyze("太差了，我要投诉").Polarity.ShouldBe("negative");
        SentimentAnalyzer.Default.Analyze("我想查一下订单").Polarity.ShouldBe("neutral");
    }

    [Fact]
    public void NegationFlipsPolarity()
    {
        var plain = SentimentAnalyzer.Default.Analyze("满意").Score;
        var negated = SentimentAnalyzer.Default.Analyze("不太满意").Score;
        negated.ShouldBeLessThan(plain);
        negated.ShouldBeLessThan(0.2f);
    }

    [Fact]
    public void ATrainedModelSeparatesReviewsItHasNotSeen()
    {
        var analyzer = new SentimentAnalyzer(Model.Value);
        analyzer.Analyze("质量很好，很满意").Polarity.ShouldBe("positive");
        analyzer.Analyze("质量太差，坏了").Polarity.ShouldBe("negative");
        Model.Value.Polarity("物流很快").ShouldBeGreaterThan(Model.Value.Polarity("物流太慢"));
    }

    [Fact]
    public void ScoresStayWithinMinusOneAndOne()
    {
        var analyzer = new SentimentAnalyzer(Model.Value);
        foreach (var t in new[] { "!!!!!", "", "好好好好好好好好好", "差差差差差差差差差差 12315 投诉" })
            analyzer.Analyze(t).Score.ShouldBeInRange(-1f, 1f);
    }

    [Fact]
    public void AnAngryMessageHasAnEmotion()
    {
        var r = SentimentAnalyzer.Default.Analyze("你们太过分了，我要投诉到12315！！！");
        r.Polarity.ShouldBe("negative");
        r.Emotion.ShouldNotBe("neutral");
    }

    [Fact]
    public void ASavedSentimentModelLoadsAndScoresIdentically()
    {
        var s = new MemoryStream();
        Model.Value.Save(s);
        var loaded = SentimentModel.Load(new MemoryStream(s.ToArray()));
        loaded.Polarity("还不错").ShouldBe(Model.Value.Polarity("还不错"));
        loaded.PredictLabel("很失望").ShouldBe(Model.Value.PredictLabel("很失望"));
    }
}
