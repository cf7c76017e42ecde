using Concierge.Nlp.Intents;
using Concierge.Nlp.Text;

namespace Concierge.Nlp.Tests;

/// <summary>Input-method typos: a wrong character of the right sound (退宽 for 退款) is repaired against known text.</summary>
public class HomophoneTests
{
    [Fact]
    public void PinyinIsTonelessAndForgivesRegionalAccents()
    {
        ChinesePinyin.Of("退款").ShouldBe("tui kuan");
        ChinesePinyin.Of("发票 ok？").ShouldBe("fa piao");
        ChinesePinyin.SoundOf('是').ShouldBe(ChinesePinyin.SoundOf('四'));   // shi / si
        ChinesePinyin.SoundOf('牛').ShouldBe(ChinesePinyin.SoundOf('刘'));   // niu / liu
        ChinesePinyin.SoundOf('星').ShouldBe(ChinesePinyin.SoundOf('新'));   // xing / xin
        ChinesePinyin.SoundOf('款').ShouldNotBe(ChinesePinyin.SoundOf('票'));
        ChinesePinyin.SoundOf('a').ShouldBe(0);
        ChinesePinyin.Sound(ChinesePinyin.SecondSoundOf('还')).ShouldBe("hai");
        ChinesePinyin.SecondSoundOf('是').ShouldBe(0);
    }

    private static readonly HomophoneCorrector Known = HomophoneCorrector.Build(
        new[] { "怎么申请退款", "发票怎么开", "什么时候发货", "可以改成一个吗", "客服中心地址在哪", "怎么在线支付" }.Select(TextNormalizer.Normalize));

    [Theory]
    [InlineData("我想退宽", "我想退款")]
    [InlineData("发漂怎么开", "发票怎么开")]
    [InlineData("什么时后发货", "什么时候发货")]
    [InlineData("怎么申情退款", "怎么申请退款")]
    [InlineData("能改成一隔吗", "能改成一个吗")]
    public void ASameSoundingTypoIsRepaired(string typed, string meant) =>
        Known.Correct(TextNormalizer.Normalize(typed)).ShouldBe(TextNormalizer.Normalize(meant));

    private static readonly HomophoneCorrector KnownEveryday = HomophoneCorrector.Build(
        new[] { "快递还没发货", "都是正品吗", "可以重新发货吗", "能便宜点吗", "行不行啊" }.Select(TextNormalizer.Normalize));

    [Theory]
    [InlineData("可以从新发货吗", "可以重新发货吗")] // 重 chong (≈ cong)
    [InlineData("能片宜点吗", "能便宜点吗")]       // 便 pian
    public void ASlipOnACharactersEverydayReadingIsRepairedToo(string typed, string meant) =>
        KnownEveryday.Correct(TextNormalizer.Normalize(typed)).ShouldBe(TextNormalizer.Normalize(meant));

    [Theory]
    [InlineData("中信银行在哪")]     // 中信 is a word (the bank), not a typo for 中心
    [InlineData("还没乏货")]         // 乏货 is a dictionary word: a typo that makes a word is beyond repair here
    [InlineData("螃蟹怎么宰")]       // a rare but right character is not traded for a common one (在)
    [InlineData("怎么申请退款")]
    [InlineData("I want a refund")]
    [InlineData("")]
    public void OrdinaryTextIsLeftAsTyped(string typed)
    {
        var normalized = TextNormalizer.Normalize(typed);
        Known.Correct(normalized).ShouldBeSameAs(normalized);
    }

    [Fact]
    public void NothingLearnedCorrectsNothing()
    {
        var english = HomophoneCorrector.Build(["where is my order"]);
        english.PairCount.ShouldBe(0);
        english.Correct("我想退宽").ShouldBe("我想退宽");
    }

    [Theory]
    [InlineData("退宽多久能到账", "refund")]
    [InlineData("发漂怎么开", "invoice")]
    [InlineData("优会券用不了", "coupon")]
    public void AKnowledgeBaseSearchForgivesATypo(string query, string faqId)
    {
        var result = RetrievalTests.Index.Value.Search(query, 3);   // the shared bilingual test KB
        result.Candidates[0].FaqId.ShouldBe(faqId);
        result.NoneOfThese.ShouldBeFalse();
    }

    [Fact]
    public void AnIntentModelForgivesATypoAlsoAfterSavingAndLoading()
    {
        var model = IntentClassifier.Train(IntentFixtures.Chinese);
        model.Predict("怎么申请退宽").Label.ShouldBe("申请退款");
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        var loaded = IntentModel.Load(stream);
        loaded.Predict("怎么申请退宽").Confidence.ShouldBe(model.Predict("怎么申请退宽").Confidence);
        loaded.Predict("帮我查下物溜").Label.ShouldBe("查询物流");
    }
}
