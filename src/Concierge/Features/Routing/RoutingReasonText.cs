using System.Text.RegularExpressions;

namespace Concierge.Features.Routing;

/// <summary>
/// The router explains itself in short English sentences (stored as they were, for the API). Chinese screens show them
/// translated phrase by phrase; anything not recognised stays as it is rather than being guessed.
/// </summary>
public static partial class RoutingReasonText
{
    private static readonly (string English, string Chinese)[] Phrases =
    [
        ("needs no particular skill", "不需要特定技能"),
        (" — queued ahead, senior agents first", "——优先排队，资深客服优先"),
        (" — queued ahead", "——优先排队"),
        ("negative emotion", "情绪负面"),
        ("the first waiting conversation they could take", "其可接待的第一个排队会话"),
        (" had room; this was ", " 有空位，这是"),
        ("the only one eligible", "唯一符合条件"),
        ("preferred agent for this conversation", "该会话的优先客服"),
        ("most senior", "级别最高"),
        ("least loaded", "负载最低"),
        ("fewest chats", "会话最少"),
        ("longest idle", "空闲最久"),
        ("equal on every rule (tie broken by id)", "各项相同（按编号决定）"),
        ("freed up", "刚有空位"),
        (" agents eligible", " 位客服符合条件"),
        (" agent eligible", " 位客服符合条件"),
        (" chats, idle ", " 个会话，空闲 "),
        ("junior", "初级"), ("senior", "高级"), ("expert", "专家"),
        (" — ", "——"),
        (" only", ""),
    ];

    public static string Localize(string reason, bool chinese)
    {
        if (!chinese) return reason;
        var text = Relaxed().Replace(reason, m => $"需要技能 {m.Groups[1].Value}——已等待 {m.Groups[2].Value}，不再限定技能");
        text = Needs().Replace(text, m => $"需要技能 {m.Groups[1].Value}");
        text = Team().Replace(text, m => $"；仅限 {m.Groups[1].Value} 团队");
        text = Waited().Replace(text, m => $"（已等待 {m.Groups[1].Value}）");
        foreach (var (en, zh) in Phrases) text = text.Replace(en, zh, StringComparison.Ordinal);
        text = Durations().Replace(text, m => m.Groups[1].Value + (m.Groups[2].Value switch { "s" => " 秒", "min" => " 分钟", _ => " 小时" }));
        return text.Replace(": ", "：").Replace(", ", "，");
    }

    [GeneratedRegex(@"needed skills (.+?) — relaxed after waiting (.+?)(?=;|$)")]
    private static partial Regex Relaxed();
    [GeneratedRegex(@"needs skills (.+?)(?=;|$)")]
    private static partial Regex Needs();
    [GeneratedRegex(@"; team (\S+) only")]
    private static partial Regex Team();
    [GeneratedRegex(@" \(waited (.+?)\)")]
    private static partial Regex Waited();
    [GeneratedRegex(@"(\d+) (s|min|h)\b")]
    private static partial Regex Durations();
}
