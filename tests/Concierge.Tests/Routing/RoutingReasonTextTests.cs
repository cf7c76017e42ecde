using Concierge.Features.Routing;

namespace Concierge.Tests.Routing;

public sealed class RoutingReasonTextTests
{
    [Theory]
    [InlineData("needs no particular skill", "不需要特定技能")]
    [InlineData("needs skills refund, english; team risk only", "需要技能 refund，english；仅限 risk 团队")]
    [InlineData("VIP 2, negative emotion — queued ahead, senior agents first", "VIP 2，情绪负面——优先排队，资深客服优先")]
    [InlineData("2 agents eligible", "2 位客服符合条件")]
    [InlineData("李娜 Li Na: senior, 0/6 chats, idle 1 s — most senior", "李娜 Li Na：高级，0/6 个会话，空闲 1 秒——级别最高")]
    [InlineData("needed skills english — relaxed after waiting 3 min", "需要技能 english——已等待 3 分钟，不再限定技能")]
    [InlineData("Tom had room; this was the first waiting conversation they could take (waited 40 s)", "Tom 有空位，这是其可接待的第一个排队会话（已等待 40 秒）")]
    public void RoutingReasonsReadInChinese(string english, string chinese) =>
        RoutingReasonText.Localize(english, chinese: true).ShouldBe(chinese);

    [Fact]
    public void EnglishScreensShowTheReasonsAsTheyAre() =>
        RoutingReasonText.Localize("2 agents eligible", chinese: false).ShouldBe("2 agents eligible");
}
