using Concierge.Nlp.Matching;

namespace Concierge.Nlp.Tests;

public class MatchingTests
{
    // Paraphrases share meaning with different wording; the non-matches share words but ask something else.
    private static readonly TextPair[] Toy = BuildToy();

    private static TextPair[] BuildToy()
    {
        var same = new (string, string)[]
        {
            ("怎么申请退款", "如何申请退款"), ("快递多久能到", "快递几天能到"), ("忘记密码怎么办", "密码忘了怎么办"),
            ("可以开发票吗", "能开发票吗"), ("在哪里修改地址", "收货地址在哪改"), ("运费怎么算", "运费是怎么计算的"),
            ("how do i reset my password", "how can i reset my password"), ("where is my order", "where is my order now"),
            ("会员有什么好处", "会员有哪些好处"), ("支持货到付款吗", "可以货到付款吗"), ("优惠券怎么用", "优惠券如何使用"),
            ("什么时候发货", "何时发货"), ("退货要运费吗", "退货需要运费吗"), ("能便宜点吗", "可以便宜一点吗"),
        };
        var different = new (string, string)[]
        {
            ("怎么申请退款", "怎么申请发票"), ("快递多久能到", "快递多少钱"), ("忘记密码怎么办", "忘记账号怎么办"),
            ("可以开发票吗", "可以退货吗"), ("在哪里修改地址", "在哪里修改密码"), ("运费怎么算", "税费怎么算"),
            ("how do i reset my password", "how do i delete my account"), ("where is my order", "where is my refund"),
            ("会员有什么好处", "会员多少钱"), ("支持货到付款吗", "支持分期付款吗"), ("优惠券怎么用", "优惠券在哪领"),
            ("什么时候发货", "什么时候退款"), ("退货要运费吗", "换货要运费吗"), ("能便宜点吗", "能送赠品吗"),
        };
        return [.. same.Select(p => new TextPair(p.Item1, p.Item2, true)), .. different.Select(p => new TextPair(p.Item1, p.Item2, false))];
    }

    private static readonly Lazy<PairMatcher> Matcher = new(() => PairMatcher.Train(Toy));

    [Fact]
    public void IdenticalQuestionsScoreHigherThanUnrelatedOnes()
    {
        var m = Matcher.Value;
        m.Score("怎么申请退款", "怎么申请退款").ShouldBeGreaterThan(m.Score("怎么申请退款", "今天天气不错"));
    }

    [Fact]
    public void ScoresAreProbabilitiesAndTheThresholdComesFromTraining()
    {
        var m = Matcher.Value;
        m.Score("运费怎么算", "运费如何计算").ShouldBeInRange(0f, 1f);
        m.Threshold.ShouldBeInRange(0f, 1f);
        var correct = Toy.Count(p => m.IsMatch(p.A, p.B) == p.IsMatch);
        correct.ShouldBeGreaterThan(Toy.Length * 3 / 4);
    }

    [Fact]
    public void ASavedMatcherLoadsAndScoresIdentically()
    {
        var s = new MemoryStream();
        Matcher.Value.Save(s);
        var loaded = PairMatcher.Load(new MemoryStream(s.ToArray()));
        loaded.Threshold.ShouldBe(Matcher.Value.Threshold);
        loaded.Score("退货要运费吗", "退货要不要运费").ShouldBe(Matcher.Value.Score("退货要运费吗", "退货要不要运费"));
    }

    [Fact]
    public void TrainingNeedsBothKindsOfPairs()
    {
        Should.Throw<ArgumentException>(() => PairMatcher.Train(Toy.Where(p => p.IsMatch)));
    }
}
