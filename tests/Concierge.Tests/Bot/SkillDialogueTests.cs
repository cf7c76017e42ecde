namespace Concierge.Tests.Bot;

/// <summary>The dialogue manager's general behaviour: cancel, stepping away and back, known slots, context carry-over.</summary>
public sealed class SkillDialogueTests
{
    [Theory]
    [InlineData("算了")]
    [InlineData("取消")]
    [InlineData("不用了")]
    [InlineData("cancel")]
    [InlineData("never mind")]
    public async Task TheCustomerCanCancelASkillHalfWay(string cancel)
    {
        var bot = new SkillDialogue();
        await bot.Say("我要退货");
        (await bot.Say(cancel)).ShouldNotBe(SkillDialogue.KnowledgeBase);
        bot.State.ShouldBeNull();
        bot.Orders.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task AnOrdinaryQuestionMidWayGoesToTheKnowledgeBaseAndTheSkillResumesWhenTheNumberComes()
    {
        var bot = new SkillDialogue();
        await bot.Say("查订单");
        (await bot.Say("你们的退货政策是什么？")).ShouldBe(SkillDialogue.KnowledgeBase);   // the knowledge base answers this one
        bot.State!.Skill.ShouldBe("order_status");
        (await bot.Say("DD20261114001")).ShouldContain("已发货");
    }

    [Fact]
    public async Task AnotherSkillsTriggerMidWaySwitchesToIt()
    {
        var bot = new SkillDialogue();
        await bot.Say("查订单");
        (await bot.Say("算了，我要申请售后")).ShouldContain("需要售后的订单号");
        bot.State!.Skill.ShouldBe("after_sales");
    }

    [Fact]
    public async Task SeveralSlotsInOneMessageAreAllTaken()
    {
        var bot = new SkillDialogue();
        var reply = await bot.Say("我要退货，订单DD20261102003，耳机左边没声音");
        reply.ShouldContain("请确认");
        reply.ShouldContain("DD20261102003");
        reply.ShouldContain("退货");
        reply.ShouldContain("耳机左边没声音");
        bot.QuickReplies.ShouldBe(["确认提交", "取消"]);
    }

    [Fact]
    public async Task AnOrderNumberMentionedEarlierIsNotAskedForAgain()
    {
        var bot = new SkillDialogue();
        (await bot.Say("我的订单是 DD20261102003，想问点事")).ShouldNotBe(SkillDialogue.KnowledgeBase);   // a bare number starts an order lookup
        (await bot.Say("我要换货")).ShouldNotContain("订单号");
        bot.State!.Skill.ShouldBe("after_sales");
    }

    [Fact]
    public async Task WhatAboutAReturnRightAfterAnOrderAnswerStartsAfterSalesForTheSameOrder()
    {
        var bot = new SkillDialogue();
        (await bot.Say("DD20261102003 到哪了")).ShouldContain("已签收");
        var reply = await bot.Say("那退货呢?");
        reply.ShouldContain("原因");
        reply.ShouldNotContain("订单号");
        bot.State!.Skill.ShouldBe("after_sales");
    }

    [Fact]
    public async Task AQuestionMentioningReturnsWithNoOrderInSightIsLeftToTheKnowledgeBase()
    {
        var bot = new SkillDialogue();
        (await bot.Say("退货运费谁出？")).ShouldBe(SkillDialogue.KnowledgeBase);
        bot.State.ShouldBeNull();
    }

    [Fact]
    public async Task APhoneOnFileFillsAPhoneSlotWithoutAsking()
    {
        var definition = new Concierge.Features.Bot.Skills.SlotDefinition
        {
            Name = "phone", Type = "phone", Prompt = new("手机号？", "Phone?"), Reprompt = new("再说一次", "Again"),
        };
        Concierge.Features.Bot.Skills.SlotReader.OnFile("""{"phone":"+8613800138000"}""", definition.Name).ShouldBe("+8613800138000");
        Concierge.Features.Bot.Skills.SlotReader.OnFile("not json", definition.Name).ShouldBeNull();
    }
}
