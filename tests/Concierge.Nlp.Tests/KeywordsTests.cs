using Concierge.Nlp.Keywords;
using Concierge.Nlp.Text;

namespace Concierge.Nlp.Tests;

public class KeywordsTests
{
    [Fact]
    public void ChineseKeywordsAreContentWordsRankedByTfIdf()
    {
        var keywords = KeywordExtractor.Default.Extract("我的订单怎么还没有发货,已经等了三天了,请尽快处理一下退款", 3).Select(k => k.Word).ToList();
        keywords.ShouldBe(["发货", "退款", "订单"], ignoreOrder: true);
    }

    [Fact]
    public void EnglishKeywordsSkipStopWords()
    {
        var keywords = KeywordExtractor.Default.Extract("How do I reset my password? The password reset link is broken.", 2).Select(k => k.Word).ToList();
        keywords.ShouldBe(["password", "reset"], ignoreOrder: true);
    }

    [Fact]
    public void RepeatedWordsWeighMore()
    {
        var keywords = KeywordExtractor.Default.Extract("退款 退款 退款 发票", 2);
        keywords[0].Word.ShouldBe("退款");
        keywords[0].Weight.ShouldBeGreaterThan(keywords[1].Weight);
    }

    [Fact]
    public void KeywordsOverManyMessagesFindTheHotTopic()
    {
        var messages = new[] { "退款什么时候到账", "申请退款了没反应", "退款进度怎么查", "发票怎么开" };
        KeywordExtractor.Default.Extract(messages, 1).Single().Word.ShouldBe("退款");
    }

    [Fact]
    public void UserWordsBecomeKeywordsWhenTheSegmenterKnowsThem()
    {
        var extractor = new KeywordExtractor(Segmenter.Default.WithUserWords(["花呗"]));
        extractor.Extract("花呗怎么开通", 5).Select(k => k.Word).ShouldContain("花呗");
    }

    [Theory]
    [InlineData("")]
    [InlineData("的了吗???")]
    [InlineData("123 456")]
    public void TextWithoutContentWordsHasNoKeywords(string text) =>
        KeywordExtractor.Default.Extract(text, 5).ShouldBeEmpty();

    [Fact]
    public void NearDuplicateQuestionsAreGroupedWithARepresentative()
    {
        var questions = new[]
        {
            "怎么退款", "如何退款呢", "怎么修改收货地址", "How do I reset my password?", "收货地址怎么改",
            "how can I reset my password", "发票怎么开",
        };
        var groups = QuestionGrouper.Default.Group(questions);

        groups.Select(g => g.Members.Order().ToArray()).ShouldBe(
        [
            [0, 1],
            [2, 4],
            [3, 5],
            [6],
        ]);
        groups[0].Representative.ShouldBe("怎么退款");
        groups[0].RepresentativeIndex.ShouldBe(0);
    }

    [Fact]
    public void UnrelatedQuestionsStayApart()
    {
        var groups = QuestionGrouper.Default.Group(["怎么退款", "发票怎么开", "where is my parcel", "cancel my subscription"]);
        groups.Count.ShouldBe(4);
    }

    [Fact]
    public void GroupingIsDeterministic()
    {
        var questions = Enumerable.Range(0, 50).Select(i => i % 3 == 0 ? $"订单{i}怎么退款" : i % 3 == 1 ? $"怎么退款{i}" : $"where is parcel {i}").ToArray();
        var first = QuestionGrouper.Default.Group(questions);
        var second = QuestionGrouper.Default.Group(questions);
        second.Select(g => string.Join(",", g.Members)).ShouldBe(first.Select(g => string.Join(",", g.Members)));
    }

    [Fact]
    public void AStricterThresholdMakesMoreGroups()
    {
        var questions = new[] { "怎么退款", "如何退款呢", "退款怎么操作", "我要退款" };
        new QuestionGrouper(0.9).Group(questions).Count.ShouldBeGreaterThan(new QuestionGrouper(0.3).Group(questions).Count);
    }

    [Fact]
    public void BlankQuestionsAreLeftOut() =>
        QuestionGrouper.Default.Group(["", "  ", "怎么退款"]).Single().Members.ShouldBe([2]);
}
