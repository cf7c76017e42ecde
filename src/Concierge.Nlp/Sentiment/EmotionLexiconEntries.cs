namespace Concierge.Nlp.Sentiment;

/// <summary>
/// The curated lexicon, written for Concierge by its authors (not taken from any dataset). One line per group:
/// <c>emotion valence weight [escalation] : terms</c>. Valence is the polarity contribution in [-1, 1], weight the
/// emotion evidence. Chinese terms of two or more characters match anywhere in normalised text; single Chinese
/// characters and English words match whole tokens (English by stem); multi-word English terms use '_' for a space.
/// Neutral lines exist to swallow phrases that contain an emotional word but are not emotional (不好意思, 好的).
/// </summary>
internal static class EmotionLexiconEntries
{
    public const string Terms = """
        # Escalation: the customer threatens to take it elsewhere. Strongest anger signal in customer service.
        angry -0.9 1.6 escalation : 投诉 12315 315 消协 消费者协会 曝光 律师 起诉 报警 法院 工商局 市场监管 维权 媒体曝光 找媒体 黑猫投诉 差评警告
        angry -0.9 1.6 escalation : complaint complain chargeback lawyer attorney sue lawsuit bbb report_you fraud scam legal_action small_claims the_media
        # Anger and contempt.
        angry -0.9 1.1 : 愤怒 气死 气死我了 火大 恼火 忍无可忍 太过分 过分 欺骗 骗子 诈骗 坑人 黑心 无良 垃圾 什么玩意 什么破 破玩意 恶心 混蛋 滚 他妈 妈的 尼玛 卧槽 靠谱个 欺负人 耍我 糊弄 敷衍 踢皮球 霸王条款 强制 乱扣费 乱收费 扣我钱 偷偷扣 骗钱 退钱 还钱
        angry -0.8 0.8 : 生气 气人 不爽 烦死 烦人 无语 服了 离谱 搞什么 什么态度 态度差 态度恶劣 太差劲 差劲 忍不了 受够了 凭什么 有病 神经病
        angry -0.9 1.1 : angry furious outraged outrageous ridiculous unacceptable pathetic disgusting disgrace rip_off ripoff wtf scammed cheated liar lies lied stole robbed
        angry -0.7 0.8 : mad annoyed annoying irritated frustrated frustrating fed_up sick_of terrible awful horrible rude damn hell joke nonsense worst
        # Anxiety and urgency.
        anxious -0.5 1.0 : 着急 急死 急死了 焦虑 担心 害怕 怕 慌 心慌 紧急 十万火急 急用 急需 赶紧 尽快 马上 立刻 立即 快点 催 催了 怎么还没 还没收到 还没到 还没发货 还没退 还没有到 迟迟 一直没 到底什么时候 多久才 还要等多久 等了好久 等了很久 等了半天 等不及 能不能快
        anxious -0.3 0.25 : 在吗 有人吗 人呢 在不在 回复我 回个话 什么时候能 什么时候到 when_will any_update
        anxious -0.5 1.0 : urgent urgently asap immediately worried worry anxious nervous scared afraid panic hurry as_soon_as_possible right_away right_now still_waiting still_not still_haven't still_hasn't anyone_there
        anxious -0.4 0.8 : 急 慌 stuck
        # Disappointment.
        disappointed -0.7 1.0 : 失望 太失望 大失望 遗憾 可惜 后悔 不值 不值得 白买 上当 不好用 难用 不好 很差 太差 质量差 做工差 效果差 体验差 服务差 一般般 不怎么样 降级 缩水 货不对板 与描述不符 和描述不符 不符 有问题 出问题 坏了 碎了 破损 瑕疵 故障 卡顿 不能用 用不了 没用 没效果 退货 不满意 不满 不开心 不高兴 难过 伤心 心寒 寒心
        disappointed -0.6 0.9 : disappointed disappointing disappointment letdown let_down unhappy sad regret poor mediocre useless worthless waste broken damaged defective faulty doesn't_work not_working stopped_working wrong bad worse crap meh
        disappointed -0.5 0.7 : 差 烂 慢 坑 贵 错 bug buggy slow expensive
        # Satisfaction and thanks.
        satisfied 0.9 1.0 : 满意 非常满意 好评 五星 五星好评 给力 点赞 完美 满分 超值 物超所值 推荐 强烈推荐 喜欢 很喜欢 爱了 优秀 专业 耐心 贴心 周到 靠谱 放心 开心 高兴 惊喜 不错 很好 挺好 真好 太好了 好用 好看 好吃 实惠 划算 解决了 搞定了 处理好了 收到了 辛苦了 辛苦 感谢 非常感谢
        satisfied 0.9 1.0 : satisfied happy glad delighted great excellent awesome amazing fantastic wonderful perfect love loved brilliant superb outstanding helpful appreciate appreciated recommend impressed solved resolved fixed thank_you_so_much
        satisfied 0.5 0.5 : 谢谢 多谢 谢了 感谢您 好的谢谢 赞 棒 快 thanks thank thx good nice fine quick fast smooth works
        # Emoji (kept by the normaliser as single tokens).
        angry -0.9 1.1 : 😡 🤬 😠 👿 💢 🖕
        anxious -0.5 0.9 : 😰 😨 😟 😱 😥 😬 ⏰ 🆘
        disappointed -0.7 1.0 : 😞 😔 😢 😭 😒 👎 💔 😩 😫 🙁 ☹ 😕
        satisfied 0.9 1.0 : 😊 😄 😀 😁 👍 ❤ 🙏 💯 🎉 😍 🥰 👏 ☺ 🌹 💕 ✌
        # Neutral phrases that contain an emotional word.
        none 0 0 : 不好意思 好的 你好 您好 还好 好吧 没事 没关系 没问题 不客气 不用谢 一般来说 一般情况 快递 快递员 快件 差不多 不差钱
        none 0 0 : no_problem no_worries not_bad thank_god please
        """;

    // Words that turn the next emotion word around (不满意 → not satisfied). Chinese ones are single characters that
    // are checked just before a term; English ones are whole tokens within three tokens before it.
    public const string ChineseNegators = "不没别无未非莫勿";
    public static readonly string[] EnglishNegators =
    [
        "not", "no", "never", "nothing", "nobody", "none", "hardly", "barely", "without", "nor", "neither", "don't",
        "doesn't", "didn't", "isn't", "wasn't", "aren't", "weren't", "can't", "cannot", "couldn't", "won't",
        "wouldn't", "shouldn't", "haven't", "hasn't", "hadn't", "ain't", "dont", "doesnt", "didnt", "isnt", "wasnt",
        "cant", "wont", "havent",
    ];

    // Chinese filler between a negator and its term: 不太满意, 不是很好, 没有问题, 不怎么样.
    public static readonly string[] ChineseNegationFillers = ["太", "很", "是", "怎么", "那么", "大", "够", "算", "有", "特别", "十分", "这么"];

    public static readonly (string Term, double Factor)[] ChineseDegrees =
    [
        ("非常", 1.6), ("特别", 1.6), ("十分", 1.5), ("极其", 1.8), ("极度", 1.8), ("超级", 1.7), ("相当", 1.4),
        ("实在", 1.4), ("真是", 1.4), ("太", 1.6), ("很", 1.3), ("超", 1.5), ("真", 1.3), ("巨", 1.6), ("贼", 1.5),
        ("最", 1.6), ("好", 1.2), ("完全", 1.5), ("严重", 1.5), ("彻底", 1.6), ("简直", 1.5),
        ("有点", 0.6), ("有些", 0.6), ("稍微", 0.5), ("略", 0.6), ("一点", 0.5), ("比较", 0.8), ("还算", 0.7),
    ];

    public static readonly (string Term, double Factor)[] EnglishDegrees =
    [
        ("very", 1.5), ("so", 1.5), ("really", 1.4), ("extremely", 1.8), ("totally", 1.6), ("absolutely", 1.7),
        ("completely", 1.6), ("utterly", 1.8), ("super", 1.5), ("too", 1.4), ("incredibly", 1.7), ("truly", 1.4),
        ("most", 1.5), ("such", 1.3), ("beyond", 1.6), ("bit", 0.6), ("slightly", 0.5), ("somewhat", 0.6),
        ("kinda", 0.6), ("little", 0.6), ("rather", 0.8), ("fairly", 0.8), ("quite", 1.2),
    ];

    // Later clauses carry the customer's point: "thanks, but it is still broken".
    public static readonly string[] ContrastMarkers = ["但是", "可是", "不过", "然而", "但", "but", "however", "though", "yet"];
}
