using System.IO.Compression;
using System.Text;
using Concierge.Nlp.Evaluation;

namespace Concierge.Nlp.Tests;

public class EvaluationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("concierge-eval-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    [Fact]
    public void TheCsvReaderHandlesQuotesEscapedQuotesAndNewlinesInsideFields()
    {
        var csv = "text,label\r\n\"hello, world\",greet\n\"she said \"\"hi\"\"\",quote\n\"two\nlines\",multi\nplain,last";
        var rows = DelimitedReader.ReadCsv(new StringReader(csv), "t.csv", "text", "label");
        rows.Select(r => r.Values[0]).ShouldBe(["hello, world", "she said \"hi\"", "two\nlines", "plain"]);
        rows.Select(r => r.Line).ShouldBe([2, 3, 4, 6]);
    }

    [Fact]
    public void TheCsvReaderFindsColumnsByNameAndSkipsABom()
    {
        var rows = DelimitedReader.ReadCsv(new StringReader("\uFEFFlabel,text\na,first"), "t.csv", "text", "label");
        rows.Single().Values.ShouldBe(["first", "a"]);
    }

    [Theory]
    [InlineData("text,label\nok,a\n\"never closed,b\n", 3, "never closed")]
    [InlineData("text,label\nok,a\ntoo,many,fields\n", 3, "expected 2 fields")]
    [InlineData("text,label\nok,a\nmissing label,\n", 3, "'label' value is empty")]
    [InlineData("words,category\nok,a\n", 1, "header must name")]
    [InlineData("text,label\nbad\"quote,a\n", 2, "quote")]
    public void ABadCsvIsReportedWithItsLine(string content, int line, string problem)
    {
        var e = Should.Throw<DatasetFormatException>(() => DelimitedReader.ReadCsv(new StringReader(content), "data.csv", "text", "label"));
        e.Line.ShouldBe(line);
        e.Message.ShouldStartWith($"data.csv:{line}:");
        e.Message.ShouldContain(problem);
    }

    [Fact]
    public void AccuracyAndMacroF1AreComputedOverAllLabels()
    {
        string[] gold = ["a", "a", "b", "b"];
        string[] predicted = ["a", "b", "b", "b"];
        ClassificationMetrics.Accuracy(gold, predicted).ShouldBe(0.75);
        // a: P=1 R=.5 F1=2/3; b: P=2/3 R=1 F1=.8
        ClassificationMetrics.MacroF1(gold, predicted).ShouldBe((2.0 / 3 + 0.8) / 2, 1e-9);
        ClassificationMetrics.PrecisionRecall(gold, predicted, "b").ShouldBe((2.0 / 3, 1.0));
    }

    [Fact]
    public void IntentEvaluationPrintsOneJsonObjectOnTheLastLine()
    {
        var train = Write("train.csv", "text,label\n" + string.Join("\n", IntentFixtures.English.Select(r => $"\"{r.Text}\",{r.Label}")));
        var test = Write("test.csv", "text,label\nwhere is my parcel,track_order\ni want my money back,refund\nwho is the president,oos\n");
        var (code, stdout, _) = Run("intents", "--train", train, "--test", test, "--json");
        code.ShouldBe(0);
        var last = stdout.TrimEnd().Split('\n')[^1];
        last.ShouldStartWith("{");
        foreach (var key in new[] { "accuracy", "macro_f1", "in_scope_accuracy", "oos_recall", "oos_precision", "train_seconds", "predictions_per_second" })
            last.ShouldContain($"\"{key}\":");
    }

    [Fact]
    public void IntentEvaluationLeavesOutOutOfScopeFiguresWhenTheTestSetHasNone()
    {
        var train = Write("train.csv", "text,label\n" + string.Join("\n", IntentFixtures.English.Select(r => $"\"{r.Text}\",{r.Label}")));
        var test = Write("test.csv", "text,label\nwhere is my parcel,track_order\n");
        var (_, stdout, _) = Run("intents", "--train", train, "--test", test, "--json");
        stdout.ShouldNotContain("oos_recall");
    }

    [Fact]
    public void ABadFileExitsWithCodeTwoAndNamesFileAndLine()
    {
        var train = Write("bad.csv", "text,label\nfine,a\n\"broken,b\n");
        var (code, _, stderr) = Run("intents", "--train", train, "--test", train);
        code.ShouldBe(2);
        stderr.ShouldContain("bad.csv:3:");
    }

    [Fact]
    public void AFileWithOnlyAHeaderIsABadFile()
    {
        var empty = Write("empty.csv", "text,label\n");
        var (code, _, stderr) = Run("intents", "--train", empty, "--test", empty);
        code.ShouldBe(2);
        stderr.ShouldContain("empty.csv:2:");
    }

    [Fact]
    public void AMissingFileIsABadFileToo()
    {
        var (code, _, stderr) = Run("sentiment", "--train", Path.Combine(_dir, "nope.csv"), "--test", "x.csv");
        code.ShouldBe(2);
        stderr.ShouldContain("nope.csv");
    }

    [Fact]
    public void AnUnknownTaskOrMissingOptionIsAUsageError()
    {
        Run("juggle").Code.ShouldBe(1);
        Run("faq", "--kb", "kb.csv").Code.ShouldBe(1);
    }

    [Fact]
    public void FaqEvaluationReportsRetrievalAndRejectionFigures()
    {
        var kb = Write("kb.csv", "faq_id,question,is_standard\nr,怎么申请退款,1\nr,我要退款,0\nr,退款多久到账,0\ns,多久发货,1\ns,什么时候发货,0\ns,几天能发出,0\ni,能开发票吗,1\ni,发票怎么开,0\ni,电子发票在哪,0\n");
        var q = Write("q.csv", "text,faq_id\n退款怎么申请,r\n你们几天发货,s\n火星有水吗,none\n");
        var (code, stdout, _) = Run("faq", "--kb", kb, "--queries", q, "--json");
        code.ShouldBe(0);
        var last = stdout.TrimEnd().Split('\n')[^1];
        foreach (var key in new[] { "top1_accuracy", "top5_recall", "none_rejection", "answerable_rejected", "overall_accuracy", "answered_right", "queries_per_second" })
            last.ShouldContain($"\"{key}\":");
    }

    [Fact]
    public void FaqQueriesMustNameKnownFaqs()
    {
        var kb = Write("kb.csv", "faq_id,question,is_standard\nr,怎么申请退款,1\n");
        var q = Write("q.csv", "text,faq_id\n退款,r\n发货,zzz\n");
        var (code, _, stderr) = Run("faq", "--kb", kb, "--queries", q);
        code.ShouldBe(2);
        stderr.ShouldContain("q.csv:3:");
    }

    [Fact]
    public void PairEvaluationReadsGzippedTsvAndReportsAccuracyAndF1()
    {
        var lines = new StringBuilder();
        string[][] pairs =
        [
            ["怎么申请退款", "如何申请退款", "1"], ["怎么申请退款", "怎么申请发票", "0"], ["快递多久到", "快递几天到", "1"], ["快递多久到", "快递多少钱", "0"],
            ["忘记密码怎么办", "密码忘了怎么办", "1"], ["忘记密码怎么办", "忘记账号怎么办", "0"], ["能开发票吗", "可以开发票吗", "1"], ["能开发票吗", "能退货吗", "0"],
        ];
        foreach (var p in pairs) lines.Append(string.Join('\t', p)).Append('\n');
        var path = Path.Combine(_dir, "pairs.tsv.gz");
        using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest)) gz.Write(Encoding.UTF8.GetBytes(lines.ToString()));
        var (code, stdout, _) = Run("pairs", "--train", path, "--test", path, "--json");
        code.ShouldBe(0);
        stdout.TrimEnd().Split('\n')[^1].ShouldContain("\"f1\":");
    }

    [Fact]
    public void APairFileWithABadLabelNamesTheLine()
    {
        var path = Write("p.tsv", "a\tb\t1\nc\td\tyes\n");
        var (code, _, stderr) = Run("pairs", "--train", path, "--test", path);
        code.ShouldBe(2);
        stderr.ShouldContain("p.tsv:2:");
    }

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        var code = EvalRunner.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }
}
