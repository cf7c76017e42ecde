using Concierge.Nlp.Entities;

namespace Concierge.Nlp.Tests;

public class EntitiesTests
{
    // Tuesday 21 May 2024, 10:00 in China.
    private static readonly DateTimeOffset s_now = new(2024, 5, 21, 10, 0, 0, TimeSpan.FromHours(8));

    private static IReadOnlyList<Entity> Extract(string text, EntityExtractor? extractor = null) =>
        (extractor ?? EntityExtractor.Default).Extract(text, s_now);

    private static Entity Single(string text, string type, EntityExtractor? extractor = null)
    {
        var found = Extract(text, extractor).Where(e => e.Type == type).ToList();
        found.Count.ShouldBe(1, $"entities in '{text}': {string.Join("; ", Extract(text, extractor))}");
        return found[0];
    }

    [Fact]
    public void APrefixedOrderNumberIsFoundWithItsPosition()
    {
        var entity = Single("我的订单DD20240521001还没发货", EntityTypes.OrderNumber);
        entity.Text.ShouldBe("DD20240521001");
        entity.Start.ShouldBe(4);
        entity.Length.ShouldBe(13);
        entity.Value.ShouldBe("DD20240521001");
    }

    [Fact]
    public void ALongBareNumberIsAnOrderNumber() =>
        Single("order 2024052100012345 is late", EntityTypes.OrderNumber).Value.ShouldBe("2024052100012345");

    [Fact]
    public void ConfiguredOrderPatternsReplaceTheDefaults()
    {
        var extractor = EntityExtractor.Default.WithOrderNumberPatterns([@"\bSO-\d{6}\b"]);
        Single("please check so-123456", EntityTypes.OrderNumber, extractor).Value.ShouldBe("SO-123456");
        Extract("DD20240521001", extractor).ShouldNotContain(e => e.Type == EntityTypes.OrderNumber);
    }

    [Fact]
    public void AnInvalidOrderPatternIsRejectedWhenTheExtractorIsBuilt() =>
        Should.Throw<ArgumentException>(() => new EntityExtractor(new EntityExtractorOptions { OrderNumberPatterns = ["(unclosed"] }));

    [Theory]
    [InlineData("我的手机号是13812345678", "13812345678", "+8613812345678")]
    [InlineData("call me on 138-1234-5678", "138-1234-5678", "+8613812345678")]
    [InlineData("电话：+86 139 1234 5678", "+86 139 1234 5678", "+8613912345678")]
    [InlineData("座机010-12345678", "010-12345678", "+861012345678")]
    [InlineData("客服热线400-123-4567", "400-123-4567", "+864001234567")]
    [InlineData("reach me at +44 20 7946 0958 please", "+44 20 7946 0958", "+442079460958")]
    [InlineData("my number is (415) 555-0132", "(415) 555-0132", "+14155550132")]
    [InlineData("手机号１３８１２３４５６７８", "１３８１２３４５６７８", "+8613812345678")]
    public void PhoneNumbersAreNormalisedToE164(string text, string span, string value)
    {
        var entity = Single(text, EntityTypes.Phone);
        entity.Text.ShouldBe(span);
        entity.Value.ShouldBe(value);
    }

    [Fact]
    public void EmailsAreFoundAndLowerCased() =>
        Single("邮箱是 Zhang.San+vip@Example.com.cn 谢谢", EntityTypes.Email).Value.ShouldBe("zhang.san+vip@example.com.cn");

    [Fact]
    public void DigitsInsideAnEmailAreNotAPhone() =>
        Extract("13812345678@qq.com").Select(e => e.Type).ShouldBe([EntityTypes.Email]);

    [Fact]
    public void AChineseIdCardWithAValidChecksumIsFound() =>
        Single("身份证号11010519491231002x", EntityTypes.IdCard).Value.ShouldBe("11010519491231002X");

    [Fact]
    public void AnIdCardNumberWithAWrongChecksumIsNotAnIdCard() =>
        Extract("身份证号110105194912310021").ShouldNotContain(e => e.Type == EntityTypes.IdCard);

    [Fact]
    public void ALuhnValidCardNumberIsABankCard()
    {
        Single("卡号6222021234567894", EntityTypes.BankCard).Value.ShouldBe("6222021234567894");
        Single("card 4111 1111 1111 1111", EntityTypes.BankCard).Value.ShouldBe("4111111111111111");
    }

    [Fact]
    public void ANonLuhnNumberIsNotABankCard()
    {
        var entities = Extract("卡号6222021234567891");
        entities.ShouldNotContain(e => e.Type == EntityTypes.BankCard);
    }

    [Fact]
    public void ALuhnValidNumberAfterAnOrderCueStaysAnOrderNumber() =>
        Single("订单号6222021234567894", EntityTypes.OrderNumber).Value.ShouldBe("6222021234567894");

    [Theory]
    [InlineData("一共三百五十元", "三百五十元", "350 CNY")]
    [InlineData("价格¥35.5", "¥35.5", "35.5 CNY")]
    [InlineData("才35.5元", "35.5元", "35.5 CNY")]
    [InlineData("it cost $20", "$20", "20 USD")]
    [InlineData("refund 20 dollars", "20 dollars", "20 USD")]
    [InlineData("花了两千块", "两千块", "2000 CNY")]
    [InlineData("预算3万元", "3万元", "30000 CNY")]
    [InlineData("只要5块5", "5块5", "5.5 CNY")]
    [InlineData("找零两元五角", "两元五角", "2.5 CNY")]
    [InlineData("总价￥1,299.00", "￥1,299.00", "1299 CNY")]
    [InlineData("RMB 500 please", "RMB 500", "500 CNY")]
    public void AmountsAreNormalisedWithTheirCurrency(string text, string span, string value)
    {
        var entity = Single(text, EntityTypes.Amount);
        entity.Text.ShouldBe(span);
        entity.Value.ShouldBe(value);
    }

    [Fact]
    public void APieceOfSomethingIsNotMoney() =>
        Extract("我要一块蛋糕").ShouldNotContain(e => e.Type == EntityTypes.Amount);

    [Fact]
    public void ABareNumberIsNotAnAmount() =>
        Extract("我买了350个").ShouldNotContain(e => e.Type == EntityTypes.Amount);

    [Theory]
    [InlineData("2024年5月21日发货", "2024年5月21日", "2024-05-21")]
    [InlineData("5月21号能到吗", "5月21号", "2024-05-21")]
    [InlineData("预计2024-06-01送达", "2024-06-01", "2024-06-01")]
    [InlineData("今天能发货吗", "今天", "2024-05-21")]
    [InlineData("后天到", "后天", "2024-05-23")]
    [InlineData("大后天到", "大后天", "2024-05-24")]
    [InlineData("昨天下的单", "昨天", "2024-05-20")]
    [InlineData("下周一再说", "下周一", "2024-05-27")]
    [InlineData("这周五发货", "这周五", "2024-05-24")]
    [InlineData("上星期三买的", "上星期三", "2024-05-15")]
    [InlineData("3天后到货", "3天后", "2024-05-24")]
    [InlineData("两周前买的", "两周前", "2024-05-07")]
    [InlineData("下个月5号", "下个月5号", "2024-06-05")]
    [InlineData("五月份", "五月份", "2024-05")]
    [InlineData("下周", "下周", "2024-W22")]
    public void ChineseDatesAreResolvedAgainstNow(string text, string span, string value)
    {
        var entity = Single(text, EntityTypes.DateTime);
        entity.Text.ShouldBe(span);
        entity.Value.ShouldBe(value);
    }

    [Theory]
    [InlineData("明天下午三点来取", "明天下午三点", "2024-05-22T15:00:00+08:00")]
    [InlineData("后天上午10点半", "后天上午10点半", "2024-05-23T10:30:00+08:00")]
    [InlineData("今晚8点", "今晚8点", "2024-05-21T20:00:00+08:00")]
    [InlineData("下午3:30开会", "下午3:30", "2024-05-21T15:30:00+08:00")]
    [InlineData("5月21日 14:00", "5月21日 14:00", "2024-05-21T14:00:00+08:00")]
    [InlineData("半小时后", "半小时后", "2024-05-21T10:30:00+08:00")]
    public void ChineseDatesWithTimesBecomeOneInstant(string text, string span, string value)
    {
        var entity = Single(text, EntityTypes.DateTime);
        entity.Text.ShouldBe(span);
        entity.Value.ShouldBe(value);
    }

    [Fact]
    public void ThreePointFiveYuanIsMoneyNotATime()
    {
        var entities = Extract("三点五元");
        entities.Single().Type.ShouldBe(EntityTypes.Amount);
        entities.Single().Value.ShouldBe("3.5 CNY");
    }

    [Fact]
    public void ATimeWithMinutesInChineseNumeralsIsRead() =>
        Single("下午三点五十到", EntityTypes.DateTime).Value.ShouldBe("2024-05-21T15:50:00+08:00");

    [Fact]
    public void AnAmbiguousSingleDigitAfterTheHourIsLeftOut()
    {
        var entity = Single("三点五到", EntityTypes.DateTime);
        entity.Text.ShouldBe("三点");
        entity.Value.ShouldBe("2024-05-21T03:00:00+08:00");
    }

    [Fact]
    public void ATraditionalChineseDateIsRead() =>
        Single("明天下午三點", EntityTypes.DateTime).Value.ShouldBe("2024-05-22T15:00:00+08:00");

    [Fact]
    public void OnePointMeaningALittleIsNotATime() =>
        Extract("能便宜一点吗,快一点").ShouldNotContain(e => e.Type == EntityTypes.DateTime);

    [Theory]
    [InlineData("can it arrive tomorrow?", "tomorrow", "2024-05-22")]
    [InlineData("see you next Monday", "next Monday", "2024-05-27")]
    [InlineData("I ordered it last Friday", "last Friday", "2024-05-17")]
    [InlineData("deliver on Friday", "on Friday", "2024-05-24")]
    [InlineData("I paid 3 days ago", "3 days ago", "2024-05-18")]
    [InlineData("back in two weeks", "in two weeks", "2024-06-04")]
    [InlineData("ordered on May 3rd, 2024", "May 3rd, 2024", "2024-05-03")]
    [InlineData("arriving 1st of June", "1st of June", "2024-06-01")]
    [InlineData("due 06/15/2024", "06/15/2024", "2024-06-15")]
    [InlineData("tomorrow at 3pm works", "tomorrow at 3pm", "2024-05-22T15:00:00+08:00")]
    [InlineData("call me at 9:30 am", "at 9:30 am", "2024-05-21T09:30:00+08:00")]
    [InlineData("tonight at 8", "tonight", "2024-05-21")]
    [InlineData("2 hours ago", "2 hours ago", "2024-05-21T08:00:00+08:00")]
    public void EnglishDatesAreResolvedAgainstNow(string text, string span, string value)
    {
        var entity = Single(text, EntityTypes.DateTime);
        entity.Text.ShouldBe(span);
        entity.Value.ShouldBe(value);
    }

    [Fact]
    public void DictionaryEntitiesMatchAnySynonymAndReportTheCanonicalName()
    {
        var extractor = EntityExtractor.Default.WithDictionary(
        [
            new DictionaryEntity("product", "iPhone", ["iphone", "苹果手机"]),
            new DictionaryEntity("city", "北京", ["北京市", "beijing", "Peking"]),
        ]);
        var entities = extractor.Extract("我在北京市买的苹果手机, shipped from Beijing", s_now);
        entities.Select(e => (e.Type, e.Text, e.Value)).ShouldBe(
        [
            ("city", "北京市", "北京"),
            ("product", "苹果手机", "iPhone"),
            ("city", "Beijing", "北京"),
        ]);
    }

    [Fact]
    public void ALatinSynonymMustBeAWholeWord()
    {
        var extractor = EntityExtractor.Default.WithDictionary([new DictionaryEntity("product", "Pro", ["pro"])]);
        extractor.Extract("the approach", s_now).ShouldBeEmpty();
        extractor.Extract("the PRO plan", s_now).Single().Value.ShouldBe("Pro");
    }

    [Fact]
    public void TraditionalSynonymsMatchSimplifiedText()
    {
        var extractor = EntityExtractor.Default.WithDictionary([new DictionaryEntity("city", "台北", ["臺北"])]);
        extractor.Extract("我在台北", s_now).Single().Value.ShouldBe("台北");
        extractor.Extract("我在臺北", s_now).Single().Text.ShouldBe("臺北");
    }

    [Fact]
    public void AMessageWithSeveralEntitiesReturnsThemInOrder()
    {
        var entities = Extract("订单DD20240521001退款三百五十元,明天下午三点前打13812345678");
        entities.Select(e => e.Type).ShouldBe([EntityTypes.OrderNumber, EntityTypes.Amount, EntityTypes.DateTime, EntityTypes.Phone]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("😡😡😡!!!")]
    [InlineData("\uD800 lone surrogate")]
    public void ExtractionNeverThrows(string text) => Should.NotThrow(() => Extract(text));

    [Theory]
    [InlineData("一百二十三", 123)]
    [InlineData("两千零五", 2005)]
    [InlineData("三百五", 350)]
    [InlineData("三百五十", 350)]
    [InlineData("一万五", 15000)]
    [InlineData("十五", 15)]
    [InlineData("二十", 20)]
    [InlineData("3万", 30000)]
    [InlineData("1.5万", 15000)]
    [InlineData("三点五", 3.5)]
    [InlineData("二〇二四", 2024)]
    [InlineData("一亿三千万", 130000000)]
    [InlineData("壹仟贰佰叁拾肆", 1234)]
    [InlineData("一千零五十", 1050)]
    public void ChineseNumeralsAreParsed(string text, double expected)
    {
        ChineseNumerals.TryParse(text, out var value).ShouldBeTrue();
        value.ShouldBe((decimal)expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("三个")]
    public void NonNumbersAreNotParsed(string text) => ChineseNumerals.TryParse(text, out _).ShouldBeFalse();
}
