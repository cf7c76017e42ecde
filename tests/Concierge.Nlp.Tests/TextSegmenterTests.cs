using Concierge.Nlp.Text;

namespace Concierge.Nlp.Tests;

public class TextSegmenterTests
{
    private static IReadOnlyList<string> Cut(string text, Segmenter? segmenter = null) =>
        (segmenter ?? Segmenter.Default).Segment(TextNormalizer.Normalize(text));

    [Fact]
    public void ChineseSentencesAreCutIntoDictionaryWords() =>
        Cut("我的订单怎么还没有发货").ShouldBe(["我", "的", "订单", "怎么", "还", "没有", "发货"]);

    [Fact]
    public void LongerDictionaryWordsWinOverTheirParts() =>
        Cut("小明硕士毕业于中国科学院计算所").ShouldBe(["小明", "硕士", "毕业", "于", "中国科学院", "计算所"]);

    [Fact]
    public void UnknownWordsAreFoundByTheHiddenMarkovModel() =>
        Cut("他来到了网易杭研大厦").ShouldContain("杭研");

    [Fact]
    public void MixedChineseAndEnglishKeepsLatinWordsAndNumbersWhole() =>
        Cut("我的iPhone 15屏幕碎了").ShouldBe(["我", "的", "iphone", "15", "屏幕", "碎", "了"]);

    [Fact]
    public void DecimalNumbersAndContractionsStayWhole() =>
        Cut("35.5元 don't").ShouldBe(["35.5", "元", "don't"]);

    [Fact]
    public void PunctuationAndWhitespaceAreDropped() =>
        Cut("你好,,, 在吗???").ShouldBe(["你好", "在", "吗"]);

    [Fact]
    public void EmojiComeOutAsSingleTokens() =>
        Cut("太差了😡😡").ShouldBe(["太差", "了", "😡", "😡"]);

    [Fact]
    public void EnglishSentencesAreSplitIntoWords() =>
        Cut("Where is my refund? It's been 3 days!").ShouldBe(["where", "is", "my", "refund", "it's", "been", "3", "days"]);

    [Fact]
    public void WithoutAUserDictionaryADomainWordIsSplit() =>
        Cut("我想开通花呗分期").ShouldNotContain("花呗");

    [Fact]
    public void AUserWordIsKeptWhole()
    {
        var segmenter = Segmenter.Default.WithUserWords(["花呗", "退款申请"]);
        Cut("我想开通花呗分期", segmenter).ShouldBe(["我", "想", "开通", "花呗", "分期"]);
        Cut("退款申请怎么提交", segmenter).ShouldBe(["退款申请", "怎么", "提交"]);
    }

    [Fact]
    public void UserWordsAreNormalisedSoTraditionalAndUpperCaseSpellingsMatch()
    {
        var segmenter = Segmenter.Default.WithUserWords(["花唄", "ProMax"]);
        segmenter.UserWords.ShouldBe(["promax", "花呗"]);
        Cut("開通花唄", segmenter).ShouldContain("花呗");
    }

    [Fact]
    public void AddingUserWordsLeavesTheOriginalSegmenterUnchanged()
    {
        var original = Segmenter.Default;
        _ = original.WithUserWords(["退款申请"]);
        Cut("退款申请", original).ShouldBe(["退款", "申请"]);
    }

    [Fact]
    public void UserWordsAccumulateAcrossCalls()
    {
        var segmenter = Segmenter.Default.WithUserWords(["花呗"]).WithUserWords(["退款申请"]);
        Cut("花呗退款申请", segmenter).ShouldBe(["花呗", "退款申请"]);
    }

    [Fact]
    public void SegmentationIsDeterministicAcrossThreads()
    {
        const string text = "小明硕士毕业于中国科学院计算所，后在日本京都大学深造";
        var expected = Cut(text);
        Parallel.For(0, 64, _ => Cut(text).ShouldBe(expected));
    }

    [Theory]
    [InlineData("cards", "card")]
    [InlineData("policies", "policy")]
    [InlineData("boxes", "box")]
    [InlineData("charging", "charg")]
    [InlineData("charged", "charg")]
    [InlineData("charge", "charg")]
    [InlineData("getting", "get")]
    [InlineData("refunded", "refund")]
    [InlineData("monthly", "month")]
    [InlineData("status", "status")]
    [InlineData("nothing", "nothing")]
    [InlineData("news", "news")]
    [InlineData("the", "the")]
    public void TheLatinStemmerFoldsCommonInflections(string word, string stem) =>
        LatinStemmer.Stem(word).ShouldBe(stem);
}
