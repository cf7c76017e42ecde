using Concierge.Nlp.Intents;
using Concierge.Nlp.Retrieval;
using Concierge.Nlp.Text;

namespace Concierge.Nlp.Tests;

/// <summary>The greetings and thanks customers wrap a question in are no part of what they ask.</summary>
public class CourtesyTests
{
    private static string Trim(string text) => Courtesy.Trim(TextNormalizer.Normalize(text));

    [Theory]
    [InlineData("亲，在吗？我想问一下发票怎么开，谢谢！", "发票怎么开")]
    [InlineData("你好请问运费怎么算谢谢", "运费怎么算")]
    [InlineData("客服你好，我要退款，急急急！！", "我要退款")]
    [InlineData("您好，麻烦问一下，什么时候发货？在线等", "什么时候发货")]
    [InlineData("不好意思打扰了，优惠券用不了，麻烦了", "优惠券用不了")]
    [InlineData("老板，能便宜点吗", "能便宜点吗")]
    [InlineData("请问下单后多久发货", "下单后多久发货")]     // 请问, not 请问下: 下单 is a word
    [InlineData("Hi there, how do I return an item? Thanks!", "how do i return an item")]
    [InlineData("hello, where is my order please", "where is my order")]
    [InlineData("Excuse me, can I pay by card? thank you so much", "can i pay by card")]
    public void TheWrappingIsCut(string typed, string meant) => Trim(typed).ShouldBe(meant);

    [Theory]
    [InlineData("你好")]                 // only courtesy: a greeting, for the caller's chit-chat handling
    [InlineData("谢谢！")]
    [InlineData("请问")]
    [InlineData("Hi!")]
    [InlineData("thank you")]
    [InlineData("客服电话多少")]          // 客服 is the topic here, not a form of address
    [InlineData("亲子装怎么退")]          // 亲 starts a word
    [InlineData("为什么这么急")]          // 急 belongs to the question
    [InlineData("你好看吗")]              // 好看 is a word
    [InlineData("有没有人工客服")]         // 人工 is a word: 有没有人 is no greeting here
    [InlineData("广州明天天气好吗")]
    [InlineData("high heels in size 38?")] // "hi" is not a word here
    [InlineData("怎么申请退款？")]         // no courtesy: the text keeps its own punctuation
    public void TextThatIsAllCourtesyOrNoneIsLeftAsItIs(string typed)
    {
        var normalized = TextNormalizer.Normalize(typed);
        Courtesy.Trim(normalized).ShouldBeSameAs(normalized);
    }

    [Theory]
    [InlineData("亲，在吗？请问发票怎么开，谢谢！", "invoice")]
    [InlineData("你好，我想问一下退款多久到账啊，急", "refund")]
    [InlineData("hi, I forgot my password. thanks in advance", "password")]
    public void AWrappedQuestionIsAnsweredLikeTheBareOne(string query, string faqId)
    {
        var result = RetrievalTests.Index.Value.Search(query, 3);
        result.NoneOfThese.ShouldBeFalse();
        result.Candidates[0].FaqId.ShouldBe(faqId);
    }

    [Fact]
    public void TypingAPhrasingThatStartsWithCourtesyIsStillAnExactMatch()
    {
        var index = FaqIndex.Build(RetrievalTests.Faq("invoice", "请问可以开发票吗", "发票怎么开", "我需要增值税发票")
            .Concat(RetrievalTests.Faq("refund", "怎么申请退款", "我要退款", "退款多久到账")));
        index.Search("请问可以开发票吗").Candidates[0].Score.ShouldBeGreaterThanOrEqualTo(FaqIndex.ExactMatchScore);
        index.Search("可以开发票吗，谢谢").Candidates[0].Score.ShouldBeGreaterThanOrEqualTo(FaqIndex.ExactMatchScore);
    }

    [Fact]
    public void AnIntentModelReadsTheRequestInsideTheCourtesy()
    {
        var model = IntentClassifier.Train(IntentFixtures.Chinese);
        var wrapped = model.Predict("亲，在吗？帮我查下物流，谢谢！");
        wrapped.Label.ShouldBe("查询物流");
        wrapped.IsOutOfScope.ShouldBeFalse();
        wrapped.Confidence.ShouldBe(model.Predict("帮我查下物流").Confidence);
        model.Predict("你好").IsOutOfScope.ShouldBeTrue();
    }
}

/// <summary>Chat spelling meets the standard spelling of a model's training text or knowledge base.</summary>
public class ColloquialTests
{
    [Theory]
    [InlineData("咋退款", "怎么退款")]
    [InlineData("啥时候发货", "什么时候发货")]
    [InlineData("啥子时候到", "什么时候到")]
    [InlineData("肿么还没到", "怎么还没到")]
    [InlineData("有木有优惠", "有没有优惠")]
    [InlineData("可以开发票么", "可以开发票吗")]
    [InlineData("好么？", "好吗?")]
    [InlineData("u dont have my pwd", "you don't have my password")]
    [InlineData("I wanna cancel, thx", "i want to cancel, thanks")]
    [InlineData("whats my balance", "what's my balance")]
    public void ChatSpellingIsWrittenInFull(string typed, string standard) =>
        Colloquial.Standardize(TextNormalizer.Normalize(typed)).ShouldBe(standard);

    [Theory]
    [InlineData("实木有裂缝吗")]     // 木有 is not 没有 here
    [InlineData("酱紫色有货吗")]     // a colour
    [InlineData("为什么")]
    [InlineData("这么贵?")]
    [InlineData("别咋呼")]
    [InlineData("can't log in")]
    [InlineData("model u2 in stock")]
    [InlineData("我的u盘坏了")]        // U 盘, a USB stick
    [InlineData("where is my order")]
    [InlineData("")]
    public void StandardTextIsLeftAsItIs(string typed)
    {
        var normalized = TextNormalizer.Normalize(typed);
        Colloquial.Standardize(normalized).ShouldBeSameAs(normalized);
    }

    [Fact]
    public void AFormTheModelsOwnTextUsesIsKeptAsTyped()
    {
        var corrector = TypoCorrector.Build(new[] { "i wanna cancel my order", "啥时候发货" }.Select(TextNormalizer.Normalize).ToArray());
        corrector.Correct("i wanna cancel").ShouldBe("i wanna cancel");
        corrector.Correct("啥时候到").ShouldBe("啥时候到");
        corrector.Correct("u dont have it, 咋办").ShouldBe("you don't have it, 怎么办");
        TypoCorrector.Empty.Correct("咋办").ShouldBe("咋办");
    }

    [Fact]
    public void AKnowledgeBaseSearchReadsChatSpelling()
    {
        var result = RetrievalTests.Index.Value.Search("咋申请退款", 3);
        result.Candidates[0].FaqId.ShouldBe("refund");
        result.NoneOfThese.ShouldBeFalse();
        RetrievalTests.Index.Value.Search("啥时候发货", 3).Candidates[0].FaqId.ShouldBe("shipping");
    }
}
