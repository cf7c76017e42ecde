namespace Concierge.Tests.Bot;

public sealed class OrderSkillDialogueTests
{
    [Fact]
    public async Task AskingAboutAnOrderAsksForTheNumberThenAnswersWithCourierTrackingAndEta()
    {
        var bot = new SkillDialogue();
        (await bot.Say("我想查一下订单状态")).ShouldContain("订单号");
        var answer = await bot.Say("DD20261114001");
        answer.ShouldContain("已发货");
        answer.ShouldContain("顺丰速运");
        answer.ShouldContain("SF1402837465921");
        answer.ShouldContain("2026-11-16");
        bot.Orders.Calls.ShouldBe(["GET orders/DD20261114001?customer=u-1001"]);
        bot.State.ShouldBeNull();
    }

    [Fact]
    public async Task AnOrderNumberInTheFirstMessageIsAnsweredWithoutAskingForIt()
    {
        var bot = new SkillDialogue();
        var answer = await bot.Say("Where is my order DD20261114001?");
        answer.ShouldContain("has shipped with SF Express");
        answer.ShouldContain("Expected delivery: 2026-11-16");
    }

    [Fact]
    public async Task AChineseCustomerWhoTypesOnlyTheNumberIsStillAnsweredInChinese()
    {
        var bot = new SkillDialogue();
        await bot.Say("我的订单到哪了");
        (await bot.Say("DD20261102003")).ShouldContain("已签收");
    }

    [Fact]
    public async Task AnUnknownOrderIsSaidSoAndAskedForOnceMoreThenAHumanIsOffered()
    {
        var bot = new SkillDialogue();
        (await bot.Say("查订单 DD20269999999")).ShouldContain("没有找到订单 DD20269999999");
        bot.State.ShouldNotBeNull();
        (await bot.Say("DD20268888888")).ShouldContain("转人工");
        bot.QuickReplies.ShouldBe(["转人工"]);
        bot.State.ShouldBeNull();
    }

    [Fact]
    public async Task AWrongAnswerIsRepromptedAndAfterTheLimitAHumanIsOfferedInsteadOfLooping()
    {
        var bot = new SkillDialogue();
        await bot.Say("track my order");
        (await bot.Say("12345")).ShouldContain("doesn't look like an order number");
        (await bot.Say("abc 678")).ShouldContain("doesn't look like an order number");
        (await bot.Say("999")).ShouldContain("member of our team");
        bot.QuickReplies.ShouldBe(["Talk to a human"]);
        bot.State.ShouldBeNull();
        bot.Orders.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task TheOrderSystemBeingDownGetsAnApologyAndAHumanOffer()
    {
        var bot = new SkillDialogue(new FakeOrders { Down = true });
        (await bot.Say("查订单 DD20261114001")).ShouldContain("抱歉，订单系统暂时无法访问");
        bot.QuickReplies.ShouldBe(["转人工"]);
        bot.State.ShouldBeNull();
    }
}
