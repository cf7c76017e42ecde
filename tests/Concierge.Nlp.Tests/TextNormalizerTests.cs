using Concierge.Nlp.Text;

namespace Concierge.Nlp.Tests;

public class TextNormalizerTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("   ", "")]
    public void NullEmptyAndBlankTextBecomeEmpty(string? input, string expected) =>
        TextNormalizer.Normalize(input).ShouldBe(expected);

    [Fact]
    public void FullWidthLettersAndDigitsBecomeHalfWidthLowerCase() =>
        TextNormalizer.Normalize("ＡＢＣ１２３ｘｙｚ").ShouldBe("abc123xyz");

    [Fact]
    public void TraditionalChineseBecomesSimplified() =>
        TextNormalizer.Normalize("「訂單」請問怎麼退款").ShouldBe("\"订单\"请问怎么退款");

    [Fact]
    public void SimplifiedWordsWrittenWithTraditionalLookingCharactersSurvive() =>
        TextNormalizer.Normalize("乾隆和乾坤").ShouldBe("乾隆和乾坤");

    [Fact]
    public void ChinesePunctuationIsUnifiedToAscii() =>
        TextNormalizer.Normalize("你好，在吗？好的！是：对；（括号）【标题】。").ShouldBe("你好,在吗?好的!是:对;(括号)[标题].");

    [Fact]
    public void EnglishIsLowerCasedAndWhitespaceCollapsed() =>
        TextNormalizer.Normalize("  Where   is\tMY\r\nOrder?  ").ShouldBe("where is my order?");

    [Fact]
    public void IdeographicSpaceCountsAsWhitespace() =>
        TextNormalizer.Normalize("退款\u3000\u3000申请").ShouldBe("退款 申请");

    [Fact]
    public void EmojiAreKeptButSkinTonesAndVariationSelectorsAreDropped() =>
        TextNormalizer.Normalize("好评👍🏽❤️").ShouldBe("好评👍❤");

    [Fact]
    public void CompatibilityCharactersAreFoldedByNfkc() =>
        TextNormalizer.Normalize("①号 ﬁle ㎏").ShouldBe("1号 file kg");

    [Fact]
    public void NormalisingTwiceChangesNothing()
    {
        var once = TextNormalizer.Normalize("Ｈｅｌｌｏ，請問「訂單」什麼時候發貨？？ 😡");
        TextNormalizer.Normalize(once).ShouldBe(once);
    }
}
