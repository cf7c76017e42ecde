using Concierge.Nlp.Retrieval;

namespace Concierge.Nlp.Tests;

/// <summary>Answering from the text of article sections: the right sentences, or nothing when no section covers the question.</summary>
public class PassageIndexTests
{
    private static readonly Passage[] Guide =
    [
        new("purifier", "Air purifiers: filters",
            "The filter usually lasts 6 to 12 months. Do not wash the HEPA filter with water, because water destroys the filter layer. " +
            "After fitting a new filter, hold the Filter Reset button for 3 seconds."),
        new("fridge", "Fridges: temperature and placement",
            "Set the fridge compartment to about 4°C and the freezer to -18°C. Let a new fridge stand for 2 hours before plugging it in. " +
            "Then let it run empty for 4 hours before you put food inside. A gentle humming sound is normal."),
        new("washer", "Washing machines: first use",
            "Before the first wash, remove the 4 transit bolts on the back, otherwise the machine shakes violently when it spins."),
        new("加湿器", "加湿器：清洁与用水",
            "水箱建议每周清洗一次。请使用纯净水或凉开水，自来水中的矿物质会在家具上形成白色粉末。出现水垢时，可用柠檬酸浸泡 30 分钟。"),
        new("洗衣机", "洗衣机：首次使用",
            "新洗衣机第一次使用前，请先拆除机身背面的运输螺栓，否则脱水时会剧烈震动。建议每月运行一次「筒自洁」程序。"),
    ];

    // Customers' questions weigh the words: "how", "should I", "吗" are everywhere in them (a small FAQ's worth).
    private static readonly string[] Questions =
    [
        "how do I return an item", "how long does shipping take", "can I get an invoice", "how do I change my address",
        "how can I pay", "can I cancel my order", "how do I use my points", "what is the warranty", "how long is the warranty",
        "should I keep the receipt", "how long should I wait for my refund", "what should I do if the parcel is damaged",
        "can I change the delivery time", "how long does a refund take", "where is my order", "is it free to return",
        "what should I do before I return it", "can I put two coupons on one order", "how do I use a coupon", "is there a discount",
        "怎么退货", "运费怎么算", "可以开发票吗", "怎么修改地址", "能不能取消订单", "积分怎么用", "保修多久", "退款多久到账吗",
        "可以用优惠券吗", "能不能换货", "什么时候发货", "可以货到付款吗", "快递可以送到家吗", "能不能开专票", "退货要运费吗", "可以改地址吗",
        "可以开电子发票吗", "可以用花呗吗", "可以自提吗", "降价了可以退差价吗", "用优惠券可以吗", "会员可以打折吗",
    ];

    private static readonly Lazy<PassageIndex> Index = new(() => PassageIndex.Build(Guide, Questions));

    [Theory]
    [InlineData("Can I wash the HEPA filter?", "purifier", "Do not wash")]
    [InlineData("how long should a new fridge run empty before I put food in", "fridge", "run empty for 4 hours")]
    [InlineData("my washing machine shakes a lot when it spins", "washer", "transit bolts")]
    [InlineData("加湿器用自来水可以吗", "加湿器", "纯净水")]
    [InlineData("新洗衣机的运输螺栓要拆吗", "洗衣机", "运输螺栓")]
    [InlineData("你好，请问加湿器用自来水可以吗？谢谢！", "加湿器", "纯净水")]   // courtesy is not part of the question
    [InlineData("Hi, can I wash the HEPA filter? Thanks", "purifier", "Do not wash")]
    [InlineData("can I wash the HEPA filtr", "purifier", "Do not wash")]            // a slip
    [InlineData("新洗衣机的运输螺拴要拆吗", "洗衣机", "运输螺栓")]                     // 拴 for 栓, same sound
    public void AQuestionAnsweredInTheTextFindsTheSentencesThatAnswerIt(string question, string key, string expected)
    {
        var hit = Index.Value.Find(question);
        hit.ShouldNotBeNull();
        hit.Key.ShouldBe(key);
        hit.Excerpt.ShouldContain(expected);
        hit.Coverage.ShouldBeGreaterThanOrEqualTo(PassageIndex.DefaultMinCoverage);
    }

    [Theory]
    [InlineData("What's the capital of France?")]
    [InlineData("how do I use my points")]
    [InlineData("tell me a joke")]
    [InlineData("明天北京天气怎么样")]
    [InlineData("退款多久到账")]
    public void AQuestionNoSectionCoversIsNotAnsweredFromArticles(string question) =>
        Index.Value.Find(question).ShouldBeNull();

    [Fact]
    public void TheBestWindowCanBeAskedForWithinOneSection()
    {
        var hit = Index.Value.Best("is the humming sound normal", onlyKey: "fridge");
        hit.ShouldNotBeNull();
        hit.Key.ShouldBe("fridge");
        hit.Excerpt.ShouldContain("humming");
        // Another section holds none of it: the best it can offer covers too little to be an answer.
        (Index.Value.Best("is the humming sound normal", onlyKey: "washer")?.Coverage ?? 0).ShouldBeLessThan(PassageIndex.DefaultMinCoverage);
    }

    [Fact]
    public void LongSectionsAreCutIntoOverlappingWindowsOfSentences()
    {
        var text = string.Join(" ", Enumerable.Range(1, 7).Select(i => $"Sentence number {i} talks about topic{i}."));
        var index = PassageIndex.Build([new Passage("long", "A long section", text)]);
        var hit = index.Best("what about topic6");
        hit.ShouldNotBeNull();
        hit.Excerpt.ShouldContain("topic6");
        hit.Excerpt.ShouldNotContain("topic1.");
        PassageIndex.Sentences("第一句。第二句！Third one? Fourth 1.5 kg.\nFifth").Count.ShouldBe(5);
    }

    [Fact]
    public void AnEmptyIndexAnswersNothing()
    {
        var index = PassageIndex.Build([]);
        index.Find("anything").ShouldBeNull();
        index.PassageCount.ShouldBe(0);
    }
}
