using Concierge.Nlp.Intents;
using Concierge.Nlp.Models;

namespace Concierge.Nlp.Tests;

public class IntentClassifierTests
{
    private static readonly Lazy<IntentModel> English = new(() => IntentClassifier.Train(IntentFixtures.English));
    private static readonly Lazy<IntentModel> Chinese = new(() => IntentClassifier.Train(IntentFixtures.Chinese));

    [Theory]
    [InlineData("where is my parcel", "track_order")]
    [InlineData("I'd like my money back", "refund")]
    [InlineData("Forgot my PASSWORD", "change_password")]
    public void AnEnglishQuestionGetsItsIntent(string text, string intent) =>
        English.Value.Predict(text).Label.ShouldBe(intent);

    [Theory]
    [InlineData("快递到哪儿了", "查询物流")]
    [InlineData("我想退款", "申请退款")]
    [InlineData("密碼忘記了", "修改密码")] // traditional script
    public void AChineseQuestionGetsItsIntent(string text, string intent) =>
        Chinese.Value.Predict(text).Label.ShouldBe(intent);

    [Fact]
    public void TheOutOfScopeLabelIsNeverPredictedAsAnIntent()
    {
        English.Value.Labels.ShouldNotContain("oos");
        English.Value.Predict("tell me a joke about the weather").Label.ShouldNotBe("oos");
    }

    [Fact]
    public void AnUnrelatedQuestionIsOutOfScopeWhenTrainingHadOutOfScopeExamples()
    {
        English.Value.Predict("what is the capital of spain").IsOutOfScope.ShouldBeTrue();
        Chinese.Value.Predict("今天天气好吗").IsOutOfScope.ShouldBeTrue();
        English.Value.Predict("where is my order").IsOutOfScope.ShouldBeFalse();
    }

    [Fact]
    public void WithoutOutOfScopeExamplesTheModelAnswersWhatItWasTaughtAndTurnsAwayWhatItIsLeastSureOf()
    {
        // A bot trained on its intents alone cannot know how common unrelated messages are; it may reject only messages
        // it is less sure of than of nearly all the answers it gets right on its own training data.
        var inScope = IntentFixtures.English.Where(r => r.Label != "oos").ToArray();
        var model = IntentClassifier.Train(inScope);
        model.OutOfScopeThreshold.ShouldBeGreaterThan(0f);
        foreach (var row in inScope) model.Predict(row.Text).IsOutOfScope.ShouldBeFalse(row.Text);
        model.Predict("where is my order").IsOutOfScope.ShouldBeFalse();
        model.Predict("hello").IsOutOfScope.ShouldBeTrue();
        model.Predict("play some music").IsOutOfScope.ShouldBeTrue();
        // Its out-of-fold answers are all right, yet calibration does not make it certain of everything.
        model.Temperature.ShouldBeGreaterThanOrEqualTo(1f);

        var never = IntentClassifier.Train(inScope, new IntentTrainingOptions { RightAnswersRejected = 0 });
        never.OutOfScopeThreshold.ShouldBe(0f);
        never.Predict("what is the capital of spain").IsOutOfScope.ShouldBeFalse();
    }

    [Fact]
    public void TheThresholdWithoutOutOfScopeExamplesTurnsAwayAtMostTheAllowedShareOfRightAnswers()
    {
        // 1,000 out-of-fold rows over two classes: the right answers' confidences spread from 0.5 to 1, a tenth wrong.
        var rng = new Random(3);
        var logits = new float[1000][]; var ys = new int[1000];
        for (var i = 0; i < logits.Length; i++)
        {
            var margin = (float)(rng.NextDouble() * 6);
            ys[i] = i % 2;
            var right = i % 10 != 0;
            logits[i] = ys[i] == 0 == right ? [margin, 0f] : [0f, margin];
        }
        var rightConfidences = logits.Select((l, i) => (l, i)).Where(p => p.l[ys[p.i]] > p.l[1 - ys[p.i]])
            .Select(p => 1f / (1f + MathF.Exp(-Math.Abs(p.l[0] - p.l[1])))).ToArray();
        var last = 0f;
        foreach (var budget in new[] { 0.01f, 0.05f, 0.2f })
        {
            var t = Calibration.FitRightAnswerThreshold(logits, ys, 2, 1f, budget);
            t.ShouldBeGreaterThan(last);
            rightConfidences.Count(c => c < t).ShouldBeLessThanOrEqualTo((int)(budget * rightConfidences.Length));
            rightConfidences.Count(c => c < t + 0.01f).ShouldBeGreaterThan((int)(budget * rightConfidences.Length));
            last = t;
        }
        Calibration.FitRightAnswerThreshold(logits, ys, 2, 1f, 0f).ShouldBe(0f);
    }

    [Fact]
    public void ConfidencesAreProbabilitiesAndRankedBestFirst()
    {
        var p = English.Value.Predict("reset my password please");
        p.Confidence.ShouldBeInRange(0f, 1f);
        p.Alternatives.Count.ShouldBe(3);
        p.Alternatives[0].Label.ShouldBe(p.Label);
        p.Alternatives.Select(a => a.Confidence).ShouldBe(p.Alternatives.Select(a => a.Confidence).OrderByDescending(c => c));
        p.Alternatives.Sum(a => a.Confidence).ShouldBeLessThanOrEqualTo(1.0001f);
    }

    [Fact]
    public void AClearQuestionIsMoreConfidentThanAVagueOne()
    {
        var clear = English.Value.Predict("how do i get a refund for my purchase").Confidence;
        var vague = English.Value.Predict("hello").Confidence;
        clear.ShouldBeGreaterThan(vague);
    }

    [Fact]
    public void TrainingTwiceWithTheSameSeedGivesTheSameModel()
    {
        var a = IntentClassifier.Train(IntentFixtures.English, new IntentTrainingOptions { Seed = 5 });
        var b = IntentClassifier.Train(IntentFixtures.English, new IntentTrainingOptions { Seed = 5 });
        Bytes(a).ShouldBe(Bytes(b));
    }

    [Fact]
    public void ASavedModelLoadsAndPredictsIdentically()
    {
        var model = Chinese.Value;
        var loaded = IntentModel.Load(new MemoryStream(Bytes(model)));
        foreach (var text in new[] { "我要退货", "快递呢", "今天天气", "密码" })
        {
            var (x, y) = (model.Predict(text), loaded.Predict(text));
            y.Label.ShouldBe(x.Label);
            y.Confidence.ShouldBe(x.Confidence);
            y.IsOutOfScope.ShouldBe(x.IsOutOfScope);
        }
    }

    [Fact]
    public void LoadingSomethingElseFailsClearly()
    {
        var e = Should.Throw<InvalidDataException>(() => IntentModel.Load(new MemoryStream("not a model at all"u8.ToArray())));
        e.Message.ShouldContain("CINT");
    }

    [Fact]
    public void AModelIsSafeToUseFromManyThreads()
    {
        var model = English.Value;
        var expected = model.Predict("track my package").Label;
        Parallel.For(0, 2000, _ => model.Predict("track my package").Label.ShouldBe(expected));
    }

    [Fact]
    public void RetrainingSwapsTheModelAtomically()
    {
        var holder = new ModelHolder<IntentModel>(English.Value);
        var old = holder.Swap(Chinese.Value);
        old.ShouldBeSameAs(English.Value);
        holder.Current.ShouldBeSameAs(Chinese.Value);
    }

    [Fact]
    public void ChineseTrainingTextsAlsoTryCharacterBigramsAndEnglishOnesDoNot()
    {
        static Features.AnalyzedText[] Analyze(IEnumerable<LabeledText> rows) => [.. rows.Select(r => Features.AnalyzedText.Of(r.Text))];
        var zh = IntentClassifier.FeatureCandidates(Analyze(IntentFixtures.Chinese), folds: 3);
        zh.Select(o => o.CharMax).ShouldBe([5, 2]);
        IntentClassifier.FeatureCandidates(Analyze(IntentFixtures.English), folds: 3).Select(o => o.CharMax).ShouldBe([5]);
        // Without calibration folds there is nothing to choose with.
        IntentClassifier.FeatureCandidates(Analyze(IntentFixtures.Chinese), folds: 0).Length.ShouldBe(1);
    }

    [Fact]
    public void TrainingAChineseModelTwiceWithTheSameSeedGivesTheSameModel()
    {
        var a = IntentClassifier.Train(IntentFixtures.Chinese, new IntentTrainingOptions { Seed = 5 });
        var b = IntentClassifier.Train(IntentFixtures.Chinese, new IntentTrainingOptions { Seed = 5 });
        Bytes(a).ShouldBe(Bytes(b));
    }

    private static byte[] Bytes(IntentModel m)
    {
        var s = new MemoryStream();
        m.Save(s);
        return s.ToArray();
    }
}
