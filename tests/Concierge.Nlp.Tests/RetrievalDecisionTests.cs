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
}
