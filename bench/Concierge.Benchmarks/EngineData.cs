using Concierge.Nlp.Evaluation;
using Concierge.Nlp.Intents;
using Concierge.Nlp.Retrieval;

namespace Concierge.Benchmarks;

/// <summary>
/// Inputs for the engine benchmarks. BANKING77 and the review corpus are used when the public datasets folder is
/// present (CONCIERGE_DATASETS, default ../shared/datasets next to the repository); otherwise seeded synthetic
/// data of the same shape, so the benchmarks always run.
/// </summary>
internal static class EngineData
{
    public static string? DatasetsFolder()
    {
        var env = Environment.GetEnvironmentVariable("CONCIERGE_DATASETS");
        foreach (var candidate in new[] { env, "../shared/datasets", "../../shared/datasets", "/work/shared/datasets" })
            if (!string.IsNullOrEmpty(candidate) && Directory.Exists(candidate)) return Path.GetFullPath(candidate);
        return null;
    }

    public static (List<LabeledText> Train, List<string> Queries) Intents77()
    {
        var dir = DatasetsFolder();
        if (dir is not null && File.Exists(Path.Combine(dir, "banking77", "train.csv")))
            return (IntentEvaluation.Read(Path.Combine(dir, "banking77", "train.csv")),
                    IntentEvaluation.Read(Path.Combine(dir, "banking77", "test.csv")).Select(r => r.Text).ToList());
        var rng = new Random(77);
        var words = Enumerable.Range(0, 3000).Select(i => Word(rng)).ToArray();
        var train = new List<LabeledText>();
        var queries = new List<string>();
        for (var c = 0; c < 77; c++)
        {
            var core = Enumerable.Range(0, 6).Select(_ => words[rng.Next(words.Length)]).ToArray();
            for (var k = 0; k < 170; k++)
            {
                var text = string.Join(' ', Enumerable.Range(0, 9).Select(j => j % 2 == 0 ? core[rng.Next(core.Length)] : words[rng.Next(words.Length)]));
                if (k < 130) train.Add(new LabeledText(text, "intent_" + c)); else queries.Add(text);
            }
        }
        return (train, queries);
    }

    private static string Word(Random rng) => new([.. Enumerable.Range(0, rng.Next(3, 9)).Select(_ => (char)('a' + rng.Next(26)))]);

    private static readonly string[] Topics =
        ["订单", "快递", "物流", "退款", "退货", "换货", "发票", "优惠券", "会员", "积分", "密码", "收货地址", "手机号", "支付", "花呗",
         "信用卡", "运费", "尺码", "颜色", "库存", "预售", "赠品", "保修", "安装", "售后", "客服", "评价", "账户", "红包", "发货"];
    private static readonly string[] Asks =
        ["怎么", "如何", "在哪里", "什么时候", "能不能", "可以", "为什么", "多久", "是否", "怎样才能"];
    private static readonly string[] Verbs =
        ["修改", "查询", "取消", "申请", "使用", "开具", "退回", "更换", "绑定", "解绑", "领取", "补发", "延长", "合并", "拆分"];

    /// <summary>A synthetic customer-service KB: <paramref name="faqs"/> FAQs × <paramref name="perFaq"/> phrasings.</summary>
    public static List<FaqEntry> Kb(int faqs, int perFaq, out List<string> queries)
    {
        var rng = new Random(50);
        var kb = new List<FaqEntry>(faqs * perFaq);
        queries = [];
        for (var f = 0; f < faqs; f++)
        {
            var topic = Topics[rng.Next(Topics.Length)]; var verb = Verbs[rng.Next(Verbs.Length)];
            var model = $"{(char)('A' + rng.Next(26))}{rng.Next(100, 999)}";
            for (var k = 0; k <= perFaq; k++)
            {
                var q = rng.Next(3) switch
                {
                    0 => $"{model}的{topic}{Asks[rng.Next(Asks.Length)]}{verb}",
                    1 => $"我想{verb}{model}{topic}{Asks[rng.Next(Asks.Length)]}办",
                    _ => $"{Asks[rng.Next(Asks.Length)]}{verb}{topic}({model})",
                };
                if (k < perFaq) kb.Add(new FaqEntry("faq" + f, q, k == 0)); else queries.Add(q);
            }
        }
        return kb;
    }

    public static string ChineseText()
    {
        var dir = DatasetsFolder();
        if (dir is not null && File.Exists(Path.Combine(dir, "sentiment_shopping", "test.csv")))
            return string.Join('\n', IntentEvaluation.Read(Path.Combine(dir, "sentiment_shopping", "test.csv")).Take(2000).Select(r => r.Text));
        var rng = new Random(3);
        return string.Join("，", Enumerable.Range(0, 20000).Select(_ => Topics[rng.Next(Topics.Length)] + Asks[rng.Next(Asks.Length)] + Verbs[rng.Next(Verbs.Length)]));
    }
}
