using Concierge.Nlp.Features;
using Concierge.Nlp.Retrieval;

namespace Concierge.Nlp.Tests;

public class RetrievalDecisionTests
{
    private static readonly string[] Topics = ["退款", "退货", "换货", "开发票", "修改收货地址", "取消订单", "查物流", "换绑手机号", "注销账号", "使用优惠券", "兑换积分", "申请保修"];
    private static readonly string[] Templates = ["怎么{0}", "{0}要多久", "我想{0}", "{0}的流程是什么", "如何{0}呢", "能不能帮我{0}"];

    // 72 phrasings: enough held-out replays for the learned ranker and decision model.
    private static readonly Lazy<FaqIndex> Index = new(() => FaqIndex.Build(
        Topics.SelectMany((t, i) => Templates.Select((f, k) => new FaqEntry("faq" + i, string.Format(f, t), k == 0)))));

    [Fact]
    public void TheShippedOutOfScopeQuestionsFollowTheKnowledgeBasesLanguages()
    {
        var zh = FaqRanker.OutOfScopeQuestions(["怎么退款", "发票怎么开"]);
        var en = FaqRanker.OutOfScopeQuestions(["how do I get a refund", "where is my parcel"]);
        var both = FaqRanker.OutOfScopeQuestions(["怎么退款", "how do I get a refund"]);
        Assert.True(zh.Count >= 50 && zh.All(q => q.Any(c => c >= '\u4e00' && c <= '\u9fff')));
        Assert.True(en.Count >= 50 && en.All(q => !q.Any(c => c >= '\u4e00' && c <= '\u9fff')));
        Assert.Equal(zh.Count + en.Count, both.Count);
    }

    [Theory]
    [InlineData("退款怎么弄", "faq0")]
    [InlineData("我要取消这个订单", "faq5")]
    public void AKnowledgeBaseQuestionRanksFirstAndScoresAboveChitChat(string query, string faqId)
    {
        var r = Index.Value.Search(query);
        Assert.Equal(faqId, r.Candidates[0].FaqId);
        Assert.True(r.Candidates[0].Score > Index.Value.Search("今天股市行情如何").Candidates[0].Score);
    }

    [Theory]
    [InlineData("今天股市行情如何")]
    [InlineData("给我讲讲恐龙是怎么灭绝的")]
    public void ChitChatIsNoneOfThese(string query) => Assert.True(Index.Value.Search(query).NoneOfThese);

    [Fact]
    public void TheDecisionModelKeepsEvidenceMonotone()
    {
        // Feature 0 is evidence, but in this data a higher value goes with "wrong": unconstrained, its weight goes negative.
        var xs = new List<float[]>(); var ys = new List<bool>();
        for (var i = 0; i < 200; i++)
        {
            var right = i % 2 == 0;
            xs.Add([right ? 0.2f + i % 7 * 0.01f : 0.8f - i % 5 * 0.01f, right ? 0.9f : 0.1f]);
            ys.Add(right);
        }
        var free = FaqRanker.Logistic.Train([.. xs], [.. ys]);
        var monotone = FaqRanker.Logistic.Train([.. xs], [.. ys], [1, 1]);
        float P(FaqRanker.Logistic m, float f0) => m.Probability([f0, 0.5f]);
        Assert.True(P(free, 0.9f) < P(free, 0.1f));
        Assert.True(P(monotone, 0.9f) >= P(monotone, 0.1f));
        // A weight kept ≤ 0 never rewards its feature.
        var against = FaqRanker.Logistic.Train([.. xs.Select(x => new[] { x[1], x[0] })], [.. ys], [-1, 0]);
        Assert.True(against.Probability([0.9f, 0.5f]) <= against.Probability([0.1f, 0.5f]));
    }

    [Fact]
    public void ChitChatSimilarityComparesWithTheShippedQuestionsButNotItself()
    {
        var shipped = new[] { "今天天气怎么样", "给我讲个笑话" }.Select(AnalyzedText.Of).ToList();
        var chat = FaqRanker.ChitChat.Build(shipped, Templates.Select(t => AnalyzedText.Of(string.Format(t, "退款"))));
        Assert.True(chat.Similarity(AnalyzedText.Of("明天天气怎么样")) > 0.5f);
        Assert.True(chat.Similarity(AnalyzedText.Of("退款要多久")) < 0.2f);
        Assert.True(chat.Similarity(shipped[0]) > 0.99f);
        Assert.True(chat.Similarity(shipped[0], except: 0) < 0.5f);
    }

    [Fact]
    public void TheThresholdAppliesToTheFirstScoreAndTheOrderIsKept()
    {
        foreach (var q in new[] { "退款怎么弄", "今天股市行情如何", "发票", "物流到哪了" })
        {
            var r = Index.Value.Search(q);
            Assert.Equal(r.Candidates[0].Score < Index.Value.NoneThreshold, r.NoneOfThese);
            for (var i = 1; i < r.Candidates.Count; i++) Assert.True(r.Candidates[i].Score <= r.Candidates[i - 1].Score);
            Assert.All(r.Candidates, c => Assert.InRange(c.Score, 0f, 1f));
        }
    }

    [Fact]
    public void TheListwiseRankerLearnsWhichViewPicksTheWinnerAndIsDeterministic()
    {
        // Feature 0 is highest for the right candidate; feature 1 is noise.
        static List<(float[][] X, int Gold)> Lists(int seed)
        {
            var rng = new Random(seed);
            var lists = new List<(float[][] X, int Gold)>();
            for (var q = 0; q < 200; q++)
            {
                var gold = rng.Next(5);
                var xs = new float[5][];
                for (var c = 0; c < 5; c++)
                {
                    xs[c] = new float[FaqRanker.FeatureCount];
                    xs[c][0] = (float)rng.NextDouble() * 0.5f + (c == gold ? 0.6f : 0f);
                    xs[c][1] = (float)rng.NextDouble();
                }
                lists.Add((xs, gold));
            }
            return lists;
        }
        var train = Lists(1);
        var a = FaqRanker.ListRanker.Train(train);
        var b = FaqRanker.ListRanker.Train(train);
        var right = 0;
        foreach (var (xs, gold) in Lists(2))
        {
            var cands = xs.Select((x, i) => new FaqIndex.Candidate(i, 0, x)).ToList();
            var p = a.Probabilities(cands);
            Assert.Equal(p, b.Probabilities(cands));
            Assert.Equal(1f, p.Sum(), 3);
            if (Array.IndexOf(p, p.Max()) == gold) right++;
        }
        Assert.True(right >= 190, $"{right} of 200");
    }

    [Fact]
    public void TheFaqVocabularyCoverageCountsWordsFromAnyPhrasingButNotTheHeldOutOne()
    {
        var index = FaqIndex.Build([
            new FaqEntry("r", "refund time", true), new FaqEntry("r", "money back to my card", false),
            new FaqEntry("s", "refund policy", true), new FaqEntry("s", "return rules", false)]);
        var q = Features.AnalyzedText.Of("refund card");
        var qv = index.Tfidf.Transform(q).Sorted();
        const int Coverage = 13 + Matching.PairFeatures.Count;
        float Of(List<FaqIndex.Candidate> cands, int group) => cands.Single(c => c.Group == group).Features[Coverage];
        var all = index.Candidates(q, qv, -1, -1, 12, index.Classifier);
        Assert.Equal(1f, Of(all, 0), 3);
        Assert.True(Of(all, 1) < 1f);
        var heldOut = index.Candidates(q, qv, 1, -1, 12, index.Classifier); // without "money back to my card"
        Assert.True(Of(heldOut, 0) < 1f);
    }
}
