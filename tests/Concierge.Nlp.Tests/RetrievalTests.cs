using Concierge.Nlp.Retrieval;

namespace Concierge.Nlp.Tests;

public class RetrievalTests
{
    private static readonly FaqEntry[] Kb =
    [
        .. Faq("shipping", "多久能发货", "什么时候发货", "下单后几天发货", "今天能发出吗", "发货时间是多久"),
        .. Faq("refund", "怎么申请退款", "我要退款", "退款多久到账", "钱什么时候退回来", "如何办理退款"),
        .. Faq("invoice", "可以开发票吗", "发票怎么开", "我需要增值税发票", "能开公司抬头的发票吗", "电子发票在哪里下载"),
        .. Faq("size", "衣服尺码怎么选", "我身高一米七穿多大码", "尺码偏大还是偏小", "有没有尺码表", "选哪个码合适"),
        .. Faq("coupon", "优惠券怎么用", "优惠券用不了", "领的券在哪里", "满减券怎么使用", "优惠码无效怎么办"),
        .. Faq("password", "how do i reset my password", "forgot my password", "change my login password", "password reset email never came", "cannot sign in"),
    ];

    internal static readonly Lazy<FaqIndex> Index = new(() => FaqIndex.Build(Kb));

    internal static IEnumerable<FaqEntry> Faq(string id, params string[] questions) =>
        questions.Select((q, i) => new FaqEntry(id, q, i == 0));

    [Theory]
    [InlineData("我的退款多久能到账", "refund")]
    [InlineData("你们几天发货", "shipping")]
    [InlineData("能开发票么", "invoice")]
    [InlineData("I forgot my password", "password")]
    [InlineData("優惠券怎麼用不了", "coupon")] // traditional script
    public void AQuestionFindsItsFaqFirst(string query, string faqId)
    {
        var result = Index.Value.Search(query, 3);
        result.Candidates[0].FaqId.ShouldBe(faqId);
    }

    [Fact]
    public void ResultsAreRankedWithScoresBetweenZeroAndOne()
    {
        var r = Index.Value.Search("发票怎么开", 5);
        r.Candidates.Count.ShouldBeGreaterThan(0);
        r.Candidates.Count.ShouldBeLessThanOrEqualTo(5);
        r.Candidates.Select(c => c.Score).ShouldBe(r.Candidates.Select(c => c.Score).OrderByDescending(s => s));
        r.Candidates.ShouldAllBe(c => c.Score >= 0 && c.Score <= 1);
    }

    [Fact]
    public void AQuestionWithNothingInCommonIsNoneOfThese()
    {
        Index.Value.Search("火星上有没有水", 5).NoneOfThese.ShouldBeTrue();
        Index.Value.Search("", 5).NoneOfThese.ShouldBeTrue();
    }

    [Fact]
    public void AddingAFaqMakesItFindableWithoutTouchingTheOriginal()
    {
        var before = Index.Value;
        var after = before.WithFaq("warranty", [new FaqEntry("warranty", "保修期是多久", true), new FaqEntry("warranty", "坏了可以保修吗", false)]);
        after.FaqCount.ShouldBe(before.FaqCount + 1);
        after.Search("这个保修多久", 3).Candidates[0].FaqId.ShouldBe("warranty");
        before.Search("这个保修多久", 3).Candidates.ShouldNotContain(c => c.FaqId == "warranty");
    }

    [Fact]
    public void RemovingAFaqMakesItDisappearFromResults()
    {
        var after = Index.Value.WithoutFaq("invoice");
        after.FaqCount.ShouldBe(Index.Value.FaqCount - 1);
        after.PhrasingCount.ShouldBe(Index.Value.PhrasingCount - 5);
        after.Search("发票怎么开", 5).Candidates.ShouldNotContain(c => c.FaqId == "invoice");
    }

    [Fact]
    public void ReplacingAFaqsPhrasingsChangesWhatMatches()
    {
        var after = Index.Value.WithFaq("size", [new FaqEntry("size", "鞋子尺码对照表", true)]);
        after.PhrasingCount.ShouldBe(Index.Value.PhrasingCount - 4);
        after.Search("鞋子尺码对照", 1).Candidates[0].MatchedQuestion.ShouldBe("鞋子尺码对照表");
    }

    [Fact]
    public void AddingOnePhrasingKeepsTheOthers()
    {
        var after = Index.Value.WithEntry(new FaqEntry("coupon", "红包怎么抵扣", false));
        after.PhrasingCount.ShouldBe(Index.Value.PhrasingCount + 1);
        after.Search("红包怎么抵扣", 1).Candidates[0].FaqId.ShouldBe("coupon");
        after.Search("优惠券怎么用", 1).Candidates[0].FaqId.ShouldBe("coupon");
    }

    [Fact]
    public void BuildingTwiceGivesTheSameAnswers()
    {
        var again = FaqIndex.Build(Kb);
        foreach (var q in new[] { "退款", "发货", "尺码", "password" })
        {
            var (a, b) = (Index.Value.Search(q, 3), again.Search(q, 3));
            b.Candidates.Select(c => (c.FaqId, c.Score)).ShouldBe(a.Candidates.Select(c => (c.FaqId, c.Score)));
        }
    }

    [Fact]
    public void SearchingALargerIndexInBetweenLeavesAnotherIndexsAnswersUnchanged()
    {
        // Searches reuse per-thread scratch buffers (the BM25 accumulator must be all-zero again after each query).
        var queries = new[] { "退款", "发票怎么开", "password", "火星上有没有水", "" };
        var alone = queries.Select(q => Index.Value.Search(q, 5)).ToArray();
        var larger = FaqIndex.Build(Kb.Concat(Enumerable.Range(0, 40).SelectMany(i =>
            Faq("extra" + i, $"第{i}号商品怎么退款", $"第{i}号商品的发票", $"item {i} password"))));
        for (var k = 0; k < queries.Length; k++)
        {
            larger.Search(queries[k], 5);
            var again = Index.Value.Search(queries[k], 5);
            again.Candidates.Select(c => (c.FaqId, c.Score)).ShouldBe(alone[k].Candidates.Select(c => (c.FaqId, c.Score)));
            again.NoneOfThese.ShouldBe(alone[k].NoneOfThese);
        }
    }

    [Theory]
    [InlineData("可以开发票吗", "invoice")]
    [InlineData("可以开发票吗？", "invoice")]
    [InlineData("How do I reset my password!", "password")]
    public void TypingOneOfTheKnowledgeBasesOwnPhrasingsIsAnsweredByItsFaq(string query, string faqId)
    {
        var result = Index.Value.Search(query, 3);
        result.NoneOfThese.ShouldBeFalse();
        result.Candidates[0].FaqId.ShouldBe(faqId);
        result.Candidates[0].Score.ShouldBeGreaterThanOrEqualTo(FaqIndex.ExactMatchScore);
        result.Candidates.Select(c => c.FaqId).Distinct().Count().ShouldBe(result.Candidates.Count);
    }

    [Fact]
    public void WordsAreComparedWithoutSpacesAndPunctuation()
    {
        FaqIndex.SameWords("可以开发票吗？", "可以 开发票吗").ShouldBeTrue();
        FaqIndex.SameWords("how do i reset my password", "how do i reset my password!").ShouldBeTrue();
        FaqIndex.SameWords("可以开发票吗", "可以开发票么").ShouldBeFalse();
        FaqIndex.SameWords("reset", "reset password").ShouldBeFalse();
    }
}
