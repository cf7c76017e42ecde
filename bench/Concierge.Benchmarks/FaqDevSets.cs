using System.IO.Compression;
using System.Text;
using Concierge.Nlp.Evaluation;
using Concierge.Nlp.Text;

namespace Concierge.Benchmarks;

/// <summary>
/// Derives FAQ-matching development sets from the public datasets (there is no public Chinese customer-service FAQ
/// set here) into a folder outside the repository — research data never enters the repository:
/// clinc: 150 FAQs × 5 phrasings from CLINC150 train, 2,000 test queries (OOS → none);
/// smp: 31 FAQs × 8 phrasings from SMP2017 train, its 667 test queries;
/// lcqmc: 3,000 LCQMC test pairs, text_a as a one-phrasing FAQ, text_b as the query (label 0 → none): lexically
/// confusable negatives, and no paraphrases inside the KB to learn from;
/// demo: the product's own demo knowledge base (src/Concierge/Features/Knowledge/Demo/demo-knowledge.json, first
/// phrasing per language standard) with its held-out demo-eval.csv questions, the hand-off rows left out (the bot
/// handles those before it searches);
/// demozh, demoen (+ 4, 3r, 6r): the demo KB in one language only — all its phrasings, the first 4 per FAQ, or 3 or 6
/// drawn at random — with that language's demo questions: how the ranker holds up when a company's KB is smaller or
/// monolingual (the KB a company imports is rarely our 14 phrasings per FAQ in two languages); each also as an import
/// file with the answers (`…_import.csv`) and, per language, the bot-eval questions with the hand-off requests
/// (`demozh_bot.csv`, `demoen_bot.csv`) — to judge the live bot the way a company importing its own KB would;
/// typo variants (`demozh_typo_q.csv`, `smp_typo_q.csv`, and for `eval intents` `smp2017_typo_test.csv`,
/// `kuake_typo_test.csv`): every question with one character swapped for another common character of the same
/// toneless pinyin, the commonest input-method slip (发票 → 发漂), to measure typo tolerance;
/// courtesy variants (`demozh_wrap_q.csv`, `smp_wrap_q.csv`, for `eval intents` `smp2017_wrap_test.csv`,
/// `kuake_wrap_test.csv`, `banking77_wrap_test.csv`, `clinc150_wrap_test.csv`, and for `bot-eval` `demo_wrap_eval.csv`):
/// most questions wrapped in a greeting, a "may I ask" and thanks or urgency, as customers write them in a chat window;
/// English typo variants (`demoen_typo_q.csv`, `clinc_typo_q.csv`, for `eval intents` `banking77_typo_test.csv`,
/// `clinc150_typo_test.csv`): one word of five or more letters per question given one keyboard slip;
/// chat-spelling variants (`demozh_chat_q.csv`, `demoen_chat_q.csv`, `smp_chat_q.csv`, for `eval intents`
/// `smp2017_chat_test.csv`, `banking77_chat_test.csv`): 怎么 → 咋, 什么 → 啥, …吗 → …么, don't → dont, you → u, …;
/// intent sets for models trained without out-of-scope examples, as a company's own intents usually are
/// (`clinc150_train_no_oos.csv`: CLINC150 train without its `oos` rows; `banking77_plus_oos_test.csv`: BANKING77 test
/// plus CLINC150's 1,000 out-of-scope test questions; `kuake_plus_oos_test.csv`: KUAKE-QIC test plus 500 SMP2017 test
/// questions — apps, weather, chat — as `oos`): what a bot does with the unrelated messages live traffic always holds.
/// </summary>
internal static class FaqDevSets
{
    public static int Run(string[] args)
    {
        var datasets = EngineData.DatasetsFolder();
        if (args.Length != 1 || datasets is null) { Console.Error.WriteLine("usage: faqsets OUTPUT_FOLDER (needs the public datasets folder)"); return 1; }
        var output = Directory.CreateDirectory(args[0]).FullName;
        var rng = new Random(3);

        var clinc = IntentEvaluation.Read(Path.Combine(datasets, "clinc150", "train.csv")).Where(r => r.Label != "oos");
        WriteKb(Path.Combine(output, "clinc_kb.csv"), clinc.GroupBy(r => r.Label).OrderBy(g => g.Key, StringComparer.Ordinal), 5, rng);
        var clincTest = IntentEvaluation.Read(Path.Combine(datasets, "clinc150", "test.csv")).ToArray();
        rng.Shuffle(clincTest);
        WriteQueries(Path.Combine(output, "clinc_q.csv"), clincTest.Take(2000).Select(r => (r.Text, r.Label == "oos" ? "none" : r.Label)));
        WriteQueries(Path.Combine(output, "clinc_typo_q.csv"), EnglishTypos.Apply(clincTest.Take(2000).Select(r => (r.Text, r.Label == "oos" ? "none" : r.Label)), 13));
        foreach (var set in new[] { "banking77", "clinc150" })
            WriteQueries(Path.Combine(output, $"{set}_typo_test.csv"),
                EnglishTypos.Apply(IntentEvaluation.Read(Path.Combine(datasets, set, "test.csv")).Select(r => (r.Text, r.Label)), 13), "text,label");

        var smp = IntentEvaluation.Read(Path.Combine(datasets, "smp2017", "train.csv"));
        WriteKb(Path.Combine(output, "smp_kb.csv"), smp.GroupBy(r => r.Label).OrderBy(g => g.Key, StringComparer.Ordinal), 8, rng);
        var smpTest = IntentEvaluation.Read(Path.Combine(datasets, "smp2017", "test.csv")).Select(r => (r.Text, r.Label)).ToArray();
        WriteQueries(Path.Combine(output, "smp_q.csv"), smpTest);
        var typos = new Typos(datasets);
        var smpTypos = typos.Apply(smpTest, 9).ToArray();
        WriteQueries(Path.Combine(output, "smp_typo_q.csv"), smpTypos);
        WriteQueries(Path.Combine(output, "smp2017_typo_test.csv"), smpTypos, "text,label");
        var kuakeTest = IntentEvaluation.Read(Path.Combine(datasets, "kuake_qic", "test.csv")).Select(r => (r.Text, r.Label));
        WriteQueries(Path.Combine(output, "kuake_typo_test.csv"), typos.Apply(kuakeTest, 9), "text,label");
        WriteQueries(Path.Combine(output, "smp_wrap_q.csv"), Wrapping.Apply(smpTest, 11));
        WriteQueries(Path.Combine(output, "smp_chat_q.csv"), ChatSpelling.Apply(smpTest, 17));
        WriteQueries(Path.Combine(output, "smp2017_chat_test.csv"), ChatSpelling.Apply(smpTest, 17), "text,label");
        WriteQueries(Path.Combine(output, "banking77_chat_test.csv"),
            ChatSpelling.Apply(IntentEvaluation.Read(Path.Combine(datasets, "banking77", "test.csv")).Select(r => (r.Text, r.Label)), 17), "text,label");
        WriteQueries(Path.Combine(output, "smp2017_wrap_test.csv"), Wrapping.Apply(smpTest, 11), "text,label");
        WriteQueries(Path.Combine(output, "kuake_wrap_test.csv"), Wrapping.Apply(kuakeTest, 11), "text,label");
        foreach (var set in new[] { "banking77", "clinc150" })
            WriteQueries(Path.Combine(output, $"{set}_wrap_test.csv"),
                Wrapping.Apply(IntentEvaluation.Read(Path.Combine(datasets, set, "test.csv")).Select(r => (r.Text, r.Label)), 11), "text,label");

        WriteQueries(Path.Combine(output, "clinc150_train_no_oos.csv"),
            IntentEvaluation.Read(Path.Combine(datasets, "clinc150", "train.csv")).Where(r => r.Label != "oos").Select(r => (r.Text, r.Label)), "text,label");
        WriteQueries(Path.Combine(output, "banking77_plus_oos_test.csv"),
            IntentEvaluation.Read(Path.Combine(datasets, "banking77", "test.csv")).Select(r => (r.Text, r.Label))
                .Concat(IntentEvaluation.Read(Path.Combine(datasets, "clinc150", "test.csv")).Where(r => r.Label == "oos").Select(r => (r.Text, "oos"))), "text,label");
        var unrelated = smpTest.ToArray();
        new Random(1).Shuffle(unrelated);
        WriteQueries(Path.Combine(output, "kuake_plus_oos_test.csv"), kuakeTest.Concat(unrelated.Take(500).Select(r => (r.Text, "oos"))), "text,label");

        var pairs = new List<string[]>();
        using (var reader = new StreamReader(new GZipStream(File.OpenRead(Path.Combine(datasets, "lcqmc", "test.txt.gz")), CompressionMode.Decompress)))
            while (reader.ReadLine() is { } line) pairs.Add(line.Split('\t'));
        var sample = pairs.ToArray();
        rng.Shuffle(sample);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var kb = new StringBuilder("faq_id,question,is_standard\n");
        var queries = new List<(string, string)>();
        foreach (var p in sample.Take(3000))
        {
            if (!ids.TryGetValue(p[0], out var id)) { ids[p[0]] = id = "f" + ids.Count; kb.Append(id).Append(',').Append(Csv(p[0])).Append(",1\n"); }
            queries.Add((p[1], p[2] == "1" ? id : "none"));
        }
        File.WriteAllText(Path.Combine(output, "lcqmc_kb.csv"), kb.ToString());
        WriteQueries(Path.Combine(output, "lcqmc_q.csv"), queries);
        var demo = WriteDemo(output, typos);
        Console.WriteLine($"wrote clinc, smp, lcqmc{(demo ? ", demo and its one-language variants" : "")} FAQ sets to {output}");
        return 0;
    }

    private static void WriteKb(string path, IEnumerable<IGrouping<string, Concierge.Nlp.Intents.LabeledText>> groups, int perFaq, Random rng)
    {
        var sb = new StringBuilder("faq_id,question,is_standard\n");
        foreach (var g in groups)
        {
            var texts = g.Select(r => r.Text).ToArray();
            rng.Shuffle(texts);
            for (var i = 0; i < Math.Min(perFaq, texts.Length); i++) sb.Append(g.Key).Append(',').Append(Csv(texts[i])).Append(i == 0 ? ",1\n" : ",0\n");
        }
        File.WriteAllText(path, sb.ToString());
    }

    // The demo knowledge base is part of the repository: found from the working folder upwards.
    private static bool WriteDemo(string output, Typos typos)
    {
        var folder = new DirectoryInfo(Directory.GetCurrentDirectory());
        while (folder is not null && !Directory.Exists(Path.Combine(folder.FullName, "src/Concierge/Features/Knowledge/Demo"))) folder = folder.Parent;
        if (folder is null) { Console.Error.WriteLine("demo set skipped: run from inside the repository"); return false; }
        var demo = Path.Combine(folder.FullName, "src/Concierge/Features/Knowledge/Demo");
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(demo, "demo-knowledge.json")));
        var faqs = json.RootElement.GetProperty("faqs").EnumerateArray()
            .Select(faq => (Id: faq.GetProperty("id").GetString()!, Questions: faq.GetProperty("questions").EnumerateObject()
                .Select(l => (Language: l.Name, Texts: l.Value.EnumerateArray().Select(q => q.GetString()!).ToArray())).ToArray()))
            .ToArray();
        var answers = json.RootElement.GetProperty("faqs").EnumerateArray().ToDictionary(f => f.GetProperty("id").GetString()!,
            f => f.GetProperty("answer").EnumerateObject().ToDictionary(a => a.Name, a => a.Value.GetString() ?? ""));
        var categories = json.RootElement.GetProperty("faqs").EnumerateArray().ToDictionary(f => f.GetProperty("id").GetString()!,
            f => f.TryGetProperty("category", out var c) ? c.GetString() ?? "" : "");
        using var reader = DelimitedReader.OpenText(Path.Combine(demo, "demo-eval.csv"));
        var allRows = DelimitedReader.ReadCsv(reader, "demo-eval.csv", "text", "faq_id").Select(r => (Text: r.Values[0], FaqId: r.Values[1])).ToArray();
        var rows = allRows.Where(r => r.FaqId != "handoff").ToArray();
        WriteQueries(Path.Combine(output, "demo_wrap_eval.csv"), Wrapping.Apply(allRows, 5));

        var kb = new StringBuilder("faq_id,question,is_standard\n");
        foreach (var (id, questions) in faqs)
            foreach (var (_, texts) in questions)
                for (var i = 0; i < texts.Length; i++) kb.Append(id).Append(',').Append(Csv(texts[i])).Append(i == 0 ? ",true\n" : ",false\n");
        File.WriteAllText(Path.Combine(output, "demo_kb.csv"), kb.ToString());
        WriteQueries(Path.Combine(output, "demo_q.csv"), rows);

        var rng = new Random(5);
        foreach (var language in new[] { "zh", "en" })
        {
            bool Chinese(string t) => t.Any(c => c >= '\u4e00' && c <= '\u9fff');
            var questions = rows.Where(r => Chinese(r.Text) == (language == "zh")).ToArray();
            foreach (var (suffix, pick) in new (string, Func<string[], string[]>)[]
                     {
                         ("", t => t), ("4", t => t.Take(4).ToArray()),
                         ("3r", t => { var c = t.ToArray(); rng.Shuffle(c); return c.Take(3).ToArray(); }),
                         ("6r", t => { var c = t.ToArray(); rng.Shuffle(c); return c.Take(6).ToArray(); }),
                     })
            {
                var chosen = faqs.Select(f => (f.Id, Texts: pick(f.Questions.Where(q => q.Language == language).SelectMany(q => q.Texts).ToArray()))).ToArray();
                var sb = new StringBuilder("faq_id,question,is_standard\n");
                foreach (var (id, texts) in chosen)
                    for (var i = 0; i < texts.Length; i++) sb.Append(id).Append(',').Append(Csv(texts[i])).Append(i == 0 ? ",true\n" : ",false\n");
                File.WriteAllText(Path.Combine(output, $"demo{language}{suffix}_kb.csv"), sb.ToString());
                WriteQueries(Path.Combine(output, $"demo{language}{suffix}_q.csv"), questions);
                // The same KB as an import file with the answers, for the live bot (import with ?mode=replace&publish=true).
                var import = new StringBuilder("faq_id,question,answer,category\n");
                foreach (var (id, texts) in chosen)
                {
                    var answer = answers[id].TryGetValue(language, out var a) ? a : answers[id].Values.First();
                    for (var i = 0; i < texts.Length; i++)
                        import.Append(id).Append(',').Append(Csv(texts[i])).Append(',').Append(i == 0 ? Csv(answer) : "").Append(',').Append(i == 0 ? categories[id] : "").Append('\n');
                }
                File.WriteAllText(Path.Combine(output, $"demo{language}{suffix}_import.csv"), import.ToString());
            }
            if (language == "zh") WriteQueries(Path.Combine(output, "demozh_typo_q.csv"), typos.Apply(questions, 5));
            if (language == "zh") WriteQueries(Path.Combine(output, "demozh_wrap_q.csv"), Wrapping.Apply(questions, 5));
            if (language == "en") WriteQueries(Path.Combine(output, "demoen_typo_q.csv"), EnglishTypos.Apply(questions, 5));
            WriteQueries(Path.Combine(output, $"demo{language}_chat_q.csv"), ChatSpelling.Apply(questions, 5));
            // bot-eval questions of that language, the hand-off requests included.
            WriteQueries(Path.Combine(output, $"demo{language}_bot.csv"), allRows.Where(r => Chinese(r.Text) == (language == "zh")));
        }
        return true;
    }

    private static void WriteQueries(string path, IEnumerable<(string Text, string FaqId)> rows, string header = "text,faq_id")
    {
        var sb = new StringBuilder(header).Append('\n');
        foreach (var (t, id) in rows) sb.Append(Csv(t)).Append(',').Append(id).Append('\n');
        File.WriteAllText(path, sb.ToString());
    }

    private static string Csv(string s) => "\"" + s.Replace("\"", "\"\"") + "\"";

    /// <summary>
    /// Chat spelling: every standard form below that a question has is written the way people type it in a chat window
    /// (where there are two ways, one is drawn). Questions with none of them stay as they are.
    /// </summary>
    private static class ChatSpelling
    {
        private static readonly (string Standard, string[] Chat)[] Chinese =
        [
            ("怎么", ["咋", "肿么"]), ("什么", ["啥", "神马"]), ("有没有", ["有木有"]), ("非常", ["灰常"]), ("这个", ["介个"]),
        ];
        private static readonly (string Standard, string Chat)[] English =
        [
            ("don't", "dont"), ("didn't", "didnt"), ("doesn't", "doesnt"), ("can't", "cant"), ("won't", "wont"), ("isn't", "isnt"),
            ("haven't", "havent"), ("i'm", "im"), ("i've", "ive"), ("what's", "whats"), ("that's", "thats"), ("you", "u"),
            ("your", "ur"), ("please", "pls"), ("thanks", "thx"), ("want to", "wanna"), ("going to", "gonna"),
            ("password", "pwd"), ("message", "msg"), ("tomorrow", "tmrw"), ("because", "cuz"), ("account", "acct"),
            ("people", "ppl"), ("about", "abt"),
        ];

        public static IEnumerable<(string Text, string Label)> Apply(IEnumerable<(string Text, string Label)> rows, int seed)
        {
            var rng = new Random(seed);
            foreach (var (text, label) in rows)
            {
                var t = text;
                foreach (var (standard, chat) in Chinese)
                    if (t.Contains(standard, StringComparison.Ordinal)) t = t.Replace(standard, chat[rng.Next(chat.Length)], StringComparison.Ordinal);
                // Sentence-final 吗 typed as 么.
                t = System.Text.RegularExpressions.Regex.Replace(t, "吗(?=[？?！!。]*$)", "么");
                foreach (var (standard, chat) in English)
                    t = System.Text.RegularExpressions.Regex.Replace(t, $@"\b{System.Text.RegularExpressions.Regex.Escape(standard)}\b", chat,
                        System.Text.RegularExpressions.RegexOptions.IgnoreCase);
                yield return (t, label);
            }
        }
    }

    /// <summary>
    /// One keyboard slip per question, in a word of five or more letters (the first and last letter kept): a letter
    /// dropped, two neighbours swapped, a letter replaced by a neighbouring key or a neighbouring key's letter added.
    /// </summary>
    private static class EnglishTypos
    {
        private static readonly string[] Rows = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];

        public static IEnumerable<(string Text, string Label)> Apply(IEnumerable<(string Text, string Label)> rows, int seed)
        {
            var rng = new Random(seed);
            foreach (var (text, label) in rows)
            {
                var words = System.Text.RegularExpressions.Regex.Matches(text, "[A-Za-z]{5,}");
                if (words.Count == 0) { yield return (text, label); continue; }
                var m = words[rng.Next(words.Count)];
                yield return (text[..m.Index] + Slip(m.Value, rng) + text[(m.Index + m.Length)..], label);
            }
        }

        private static string Slip(string w, Random rng)
        {
            var i = rng.Next(1, w.Length - 1);
            return rng.Next(4) switch
            {
                0 => w.Remove(i, 1),
                1 => string.Concat(w.AsSpan(0, i), w[i + 1].ToString(), w[i].ToString(), w.AsSpan(i + 2)),
                2 => string.Concat(w.AsSpan(0, i), Neighbour(w[i], rng).ToString(), w.AsSpan(i + 1)),
                _ => w.Insert(i, Neighbour(w[i], rng).ToString()),
            };
        }

        private static char Neighbour(char c, Random rng)
        {
            var lower = char.ToLowerInvariant(c);
            var row = Array.FindIndex(Rows, r => r.Contains(lower));
            if (row < 0) return c;
            var col = Rows[row].IndexOf(lower);
            var near = new List<char>();
            for (var r = Math.Max(0, row - 1); r <= Math.Min(Rows.Length - 1, row + 1); r++)
                for (var k = Math.Max(0, col - 1); k <= Math.Min(Rows[r].Length - 1, col + 1); k++)
                    if (Rows[r][k] != lower) near.Add(Rows[r][k]);
            return near[rng.Next(near.Count)];
        }
    }

    /// <summary>
    /// Courtesy around a question, as typed into a chat window: a greeting or form of address and often a "may I ask" before
    /// it, thanks, urgency or a softener after it (each side left bare now and then, and one question in eight untouched).
    /// Chinese questions get Chinese courtesy, others English.
    /// </summary>
    private static class Wrapping
    {
        private static readonly string[] ZhBefore =
        [
            "你好，", "您好，", "你好呀，", "在吗？", "在吗在吗，", "亲，", "亲，在吗？", "客服你好，", "早上好，", "晚上好呀，", "嗨，",
            "hello，", "有人在吗？", "老板，", "不好意思打扰一下，", "", "",
        ];
        private static readonly string[] ZhAsk = ["请问", "我想问一下，", "想咨询一下，", "麻烦问下，", "请教一下，", "问一下，", "", "", ""];
        private static readonly string[] ZhAfter =
        [
            "，谢谢", "？谢谢！", "，谢谢啦", "，多谢", "，感谢", "，急", "，急急急！！", "，在线等", "，麻烦尽快回复", "，辛苦了",
            "，拜托了", "~谢谢亲", " 谢谢", "", "",
        ];
        private static readonly string[] EnBefore =
        [
            "hi, ", "Hi! ", "hello, ", "Hello there, ", "hey, ", "hey there! ", "good morning, ", "Good evening, ",
            "excuse me, ", "sorry to bother you, ", "hi, quick question: ", "", "",
        ];
        private static readonly string[] EnAfter =
        [
            " thanks", ", thanks!", " thank you", ", thank you so much", ", thanks in advance", " please", ", please!", " pls",
            " thx", ", urgent", " asap", "", "",
        ];

        public static IEnumerable<(string Text, string Label)> Apply(IEnumerable<(string Text, string Label)> rows, int seed)
        {
            var rng = new Random(seed);
            foreach (var (text, label) in rows)
            {
                if (rng.Next(8) == 0) { yield return (text, label); continue; }
                var chinese = text.Any(c => c >= '\u4e00' && c <= '\u9fff');
                yield return chinese
                    ? (Pick(rng, ZhBefore) + Pick(rng, ZhAsk) + text + Pick(rng, ZhAfter), label)
                    : (Pick(rng, EnBefore) + text + Pick(rng, EnAfter), label);
            }
        }

        private static string Pick(Random rng, string[] options) => options[rng.Next(options.Length)];
    }

    /// <summary>
    /// One input-method typo per question: a character swapped for another character of the same toneless syllable,
    /// both among the characters used at least 30 times in the public Chinese training texts (so the slip is one a
    /// person would pick from the candidate list, not an obscure glyph).
    /// </summary>
    private sealed class Typos
    {
        private readonly HashSet<char> _common = [];
        private readonly Dictionary<int, char[]> _bySound;

        public Typos(string datasets)
        {
            var counts = new Dictionary<char, int>();
            foreach (var set in new[] { "smp2017", "sentiment_shopping", "kuake_qic" })
                foreach (var row in IntentEvaluation.Read(Path.Combine(datasets, set, "train.csv")))
                    foreach (var c in row.Text)
                        if (ChinesePinyin.ExactSoundOf(c) > 0) counts[c] = counts.GetValueOrDefault(c) + 1;
            foreach (var (c, n) in counts) if (n >= 30) _common.Add(c);
            _bySound = _common.GroupBy(ChinesePinyin.ExactSoundOf)
                .ToDictionary(g => g.Key, g => g.Order().ToArray());
        }

        public IEnumerable<(string Text, string Label)> Apply(IEnumerable<(string Text, string Label)> rows, int seed)
        {
            var rng = new Random(seed);
            foreach (var (text, label) in rows)
            {
                var at = Enumerable.Range(0, text.Length).Where(i => _common.Contains(text[i]) && _bySound[ChinesePinyin.ExactSoundOf(text[i])].Length > 1).ToArray();
                if (at.Length == 0) { yield return (text, label); continue; }
                var i = at[rng.Next(at.Length)];
                var others = _bySound[ChinesePinyin.ExactSoundOf(text[i])].Where(c => c != text[i]).ToArray();
                yield return (text[..i] + others[rng.Next(others.Length)] + text[(i + 1)..], label);
            }
        }
    }
}
