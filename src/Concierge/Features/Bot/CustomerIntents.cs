using System.Text.RegularExpressions;
using Concierge.Nlp.Text;

namespace Concierge.Features.Bot;

/// <summary>
/// Small talk the bot recognises before it searches the knowledge base: asking for a human, greetings, thanks.
/// Works on normalised text (lower case, simplified Chinese, half-width punctuation).
/// </summary>
internal static partial class CustomerIntents
{
    private static readonly string[] HumanZh = ["转人工", "人工客服", "人工服务", "找人工", "要人工", "接人工", "真人", "人工坐席", "客服人员", "活人", "人工接待", "转接人工"];

    /// <summary>Asks for a person, also inside greetings and thanks ("good morning, agent please!").</summary>
    public static bool AsksForHuman(string text)
    {
        if (AsksForHumanAsWritten(text)) return true;
        var bare = Courtesy.Trim(text);
        return !ReferenceEquals(bare, text) && AsksForHumanAsWritten(bare);
    }

    private static bool AsksForHumanAsWritten(string text)
    {
        if (HumanZh.Any(text.Contains)) return true;
        if (text.Contains("人工", StringComparison.Ordinal) && !text.Contains("人工智能", StringComparison.Ordinal) && text.Length <= 12) return true;
        // "不要机器人", "不想跟机器聊", "换个人", "让客服小姐姐来" — refusing the bot or asking for a person in other words.
        if (NoBotZh().IsMatch(text) || PersonZh().IsMatch(text)) return true;
        return HumanEn().IsMatch(text) || NoBotEn().IsMatch(text) || PersonEn().IsMatch(text);
    }

    // Not "不要扫地机器人了" (the robot vacuum) nor "不用机器洗" (machine wash).
    [GeneratedRegex(@"(不要|不想|别|不用|不和|不跟|受不了|讨厌).{0,3}((?<!扫地|擦窗)机器人|机器聊|机器对话|智能客服|ai|bot)")]
    private static partial Regex NoBotZh();

    [GeneratedRegex(@"(换个人|换人|换个客服|找个人|叫个人|来个人|让客服|叫客服|找客服|叫你们客服|让你们客服|客服小姐姐|客服妹妹|客服小哥|人来回答|人来处理)")]
    private static partial Regex PersonZh();

    // "stop the bot", "no bots", "I don't want to talk to a bot".
    // Not "the robot vacuum" nor "the washing machine".
    [GeneratedRegex(@"\b(stop|no|not|hate|don't want|do not want|don't wanna)\b.{0,20}\b(bots?|chatbots?|virtual assistant|automated (replies|answers))\b")]
    private static partial Regex NoBotEn();

    // "get me a person", "is there a person I can chat with", "I need a person please" (not "I need someone to fix it"),
    // or the whole message is "agent" / "a human please".
    [GeneratedRegex(@"\b(i|we) (need|want|would like|'d like)( to (talk|speak|chat) (to|with))? (an? |some |a real )?(person|someone|somebody|agent|staff)\b(?!\s+to\b)|\b(get|give|find|connect|transfer|put) me (to |through to |with )?(an? |some |a real )?(person|people|someone|somebody|agent|staff)\b|\bis there (an? |any )?(real )?(person|people|someone|somebody|agent|staff)\b|^\W*(an? )?(agent|person|operator|representative)( please| pls| now)?\W*$")]
    private static partial Regex PersonEn();

    /// <summary>A question rather than a request: "物流信息在哪", "退货政策是什么", "how do I …" (not "查订单", "warranty claim please").</summary>
    public static bool IsQuestion(string text) =>
        Skills.SlotReader.IsQuestion(text) || QuestionZh.Any(q => text.Contains(q, StringComparison.Ordinal));

    private static readonly string[] QuestionZh = ["哪", "呢", "有没有", "是不是", "几", "啥"];

    /// <summary>About the customer's own order or request ("我的订单", "我想退货", "my order", "I want to return"), not a general question.</summary>
    public static bool IsPersonal(string text) => Personal().IsMatch(text);

    public static bool IsGreeting(string text) => Greeting().IsMatch(text);
    public static bool IsThanks(string text) => Thanks().IsMatch(text);

    [GeneratedRegex(@"\b(human|real person|live (agent|person|chat)|(talk|speak|chat) (to|with) (an? )?(agent|person|someone|somebody|representative|operator|staff)|representative|operator|customer service agent)\b")]
    private static partial Regex HumanEn();

    [GeneratedRegex(@"我的|我买的|我刚|我想|我要|帮我|给我|我家|我这|\b(my|mine|i want|i'd like|i would like|i need|i ordered|i bought|i got|me)\b")]
    private static partial Regex Personal();

    [GeneratedRegex(@"^\W*(你好|您好|你好啊|在吗|在不在|有人吗|哈喽|嗨|hi|hello|hey|hi there|hello there|good (morning|afternoon|evening))\W*$")]
    private static partial Regex Greeting();

    [GeneratedRegex(@"^\W*(好的)?\W*(谢谢|多谢|谢了|感谢|thanks|thank you|thx|ok thanks|ok thank you)(你|您|a lot|so much)?\W*$")]
    private static partial Regex Thanks();
}
