using Concierge.Nlp.Intents;

namespace Concierge.Nlp.Tests;

/// <summary>Small hand-written intent sets in English and Chinese (no public data).</summary>
internal static class IntentFixtures
{
    public static readonly LabeledText[] English =
    [
        .. Rows("track_order", "where is my order", "track my package", "when will my parcel arrive", "has my order shipped yet",
            "my delivery is late where is it", "tracking number for my order", "order status please", "is my package on the way"),
        .. Rows("refund", "i want a refund", "give me my money back", "how do i get a refund", "refund my purchase please",
            "can i return this for a refund", "i was charged but want my money back", "request a refund", "when will my refund arrive"),
        .. Rows("change_password", "i forgot my password", "reset my password", "how do i change my password", "password reset link",
            "cannot log in forgot password", "update my account password", "change login password", "my password does not work"),
        .. Rows("oos", "what is the weather tomorrow", "tell me a joke", "who won the football game", "play some music",
            "what is the capital of france", "how tall is mount everest"),
    ];

    public static readonly LabeledText[] Chinese =
    [
        .. Rows("查询物流", "我的快递到哪了", "物流信息查一下", "包裹什么时候到", "订单发货了吗", "快递怎么还没到", "帮我查下物流", "我的货到哪里了", "查询快递单号"),
        .. Rows("申请退款", "我要退款", "怎么申请退款", "退款什么时候到账", "不想要了能退钱吗", "帮我办理退款", "钱什么时候退回来", "申请退货退款", "退款申请怎么提交"),
        .. Rows("修改密码", "忘记密码了", "怎么修改登录密码", "密码重置", "登录不上去忘了密码", "帮我改一下密码", "重新设置密码", "密码不对登不上", "修改账户密码"),
        .. Rows("oos", "今天天气怎么样", "讲个笑话吧", "明天股市会涨吗", "推荐一部电影", "你喜欢吃什么"),
    ];

    private static IEnumerable<LabeledText> Rows(string label, params string[] texts) => texts.Select(t => new LabeledText(t, label));
}
