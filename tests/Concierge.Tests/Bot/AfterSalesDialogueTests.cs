namespace Concierge.Tests.Bot;

public sealed class AfterSalesDialogueTests
{
    [Fact]
    public async Task AnAfterSalesRequestAsksEachSlotConfirmsAndSubmits()
    {
        var bot = new SkillDialogue();
        (await bot.Say("I need an after-sales request")).ShouldContain("order number");
        (await bot.Say("DD20261102003")).ShouldContain("return, an exchange or a repair");
        bot.QuickReplies.ShouldBe(["Return", "Exchange", "Repair"]);
        (await bot.Say("Exchange")).ShouldContain("why");
        var confirm = await bot.Say("The size is too small");
        confirm.ShouldContain("order DD20261102003, exchange, reason: The size is too small");
        (await bot.Say("Confirm")).ShouldContain("AS202611200001");
        bot.Orders.Calls[^1].ShouldBe("POST orders/DD20261102003/after-sales?customer=u-1001");
        bot.Orders.Bodies[^1]!["type"]!.GetValue<string>().ShouldBe("exchange");
        bot.State.ShouldBeNull();
    }

    [Fact]
    public async Task TheTypeSaidWithTheRequestIsNotAskedAgain()
    {
        var bot = new SkillDialogue();
        await bot.Say("I want to return my earbuds");
        (await bot.Say("DD20261102003")).ShouldContain("why");
    }

    [Fact]
    public async Task AChoiceThatIsNotAnOptionIsRepromptedWithTheOptions()
    {
        var bot = new SkillDialogue();
        await bot.Say("申请售后 DD20261102003");
        (await bot.Say("随便")).ShouldContain("请选择");
        bot.QuickReplies.ShouldBe(["退货", "换货", "维修"]);
    }

    [Fact]
    public async Task ACorrectionWhileConfirmingChangesTheSlotAndConfirmsAgain()
    {
        var bot = new SkillDialogue();
        await bot.Say("我要退货，订单DD20261102003，耳机坏了");
        (await bot.Say("换货吧")).ShouldContain("换货");
        bot.Orders.Calls.ShouldBeEmpty();
        (await bot.Say("确认提交")).ShouldContain("换货申请");
    }

    [Fact]
    public async Task SayingNoWhenConfirmingSubmitsNothing()
    {
        var bot = new SkillDialogue();
        await bot.Say("我要退货，订单DD20261102003，耳机坏了");
        (await bot.Say("不对")).ShouldContain("修改");
        bot.Orders.Calls.ShouldBeEmpty();
    }
}
