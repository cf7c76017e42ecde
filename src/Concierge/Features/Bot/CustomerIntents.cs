using System.Text.RegularExpressions;

namespace Concierge.Features.Bot;

/// <summary>
/// Small talk the bot recognises before it searches the knowledge base: asking for a human, greetings, thanks.
/// Works on normalised text (lower case, simplified Chinese, half-width punctuation).
/// </summary>
internal static partial class CustomerIntents
{
    private static readonly string[] HumanZh = ["转人工", "人工客服", "人工服务", "找人工", "要人工", "接人工", "真人", "人工坐席", "客服人员", "活人", "人工接待", "转接人工"];

    public static bool AsksForHuman(string text)
    {
        if (HumanZh.Any(text.Contains)) return true;
        if (text.Contains("人工", StringComparison.Ordinal) && !text.Contains("人工智能", StringComparison.Ordinal) && text.Length <= 12) return true;
        return HumanEn().IsMatch(text);
    }

    public static bool IsGreeting(string text) => Greeting().IsMatch(text);
    public static bool IsThanks(string text) => Thanks().IsMatch(text);

    [GeneratedRegex(@"\b(human|real person|live (agent|person|chat)|(talk|speak|chat) (to|with) (an? )?(agent|person|someone|somebody|representative|operator|staff)|representative|operator|customer service agent)\b")]
    private static partial Regex HumanEn();

    [GeneratedRegex(@"^\W*(你好|您好|你好啊|在吗|在不在|有人吗|哈喽|嗨|hi|hello|hey|hi there|hello there|good (morning|afternoon|evening))\W*$")]
    private static partial Regex Greeting();

    [GeneratedRegex(@"^\W*(好的)?\W*(谢谢|多谢|谢了|感谢|thanks|thank you|thx|ok thanks|ok thank you)(你|您|a lot|so much)?\W*$")]
    private static partial Regex Thanks();
}
