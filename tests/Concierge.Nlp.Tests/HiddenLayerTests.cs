using Concierge.Nlp.Features;
using Concierge.Nlp.Intents;
using Concierge.Nlp.Models;

namespace Concierge.Nlp.Tests;

public class HiddenLayerTests
{
    // Four features, two classes decided by which pair co-occurs: (0,1) or (2,3) → class 0, (0,3) or (2,1) → class 1.
    // Every single feature is equally common in both classes, so no linear model separates them; the hidden units can.
    private static (SparseVector[] Xs, int[] Ys) Conjunctions()
    {
        int[][] pairs = [[0, 1], [2, 3], [0, 3], [2, 1]];
        var xs = new List<SparseVector>(); var ys = new List<int>();
        for (var copy = 0; copy < 50; copy++)
            for (var p = 0; p < pairs.Length; p++) { xs.Add(new SparseVector([.. pairs[p]], [0.7f, 0.7f])); ys.Add(p < 2 ? 0 : 1); }
        return ([.. xs], [.. ys]);
    }

    private static int Predict(HiddenLayer h, SparseVector x)
    {
        var s = new float[2];
        h.AddScores(x, s);
        return s[0] >= s[1] ? 0 : 1;
    }

    [Fact]
    public void TheHiddenUnitsLearnAConjunctionNoLinearModelCan()
    {
        var (xs, ys) = Conjunctions();
        var h = HiddenLayer.Train(xs, ys, 2, 4, new HiddenLayerOptions { Epochs = 20, LearningRate = 0.1f })!;
        for (var i = 0; i < 4; i++) Predict(h, xs[i]).ShouldBe(ys[i]);
    }

    [Fact]
    public void TrainingIsDeterministicAndSurvivesSaveAndLoad()
    {
        var (xs, ys) = Conjunctions();
        var o = new HiddenLayerOptions { Seed = 7 };
        byte[] Bytes(HiddenLayer h) { var m = new MemoryStream(); using (var w = new BinaryWriter(m, System.Text.Encoding.UTF8, true)) h.Write(w); return m.ToArray(); }
        var a = HiddenLayer.Train(xs, ys, 2, 4, o)!;
        Bytes(HiddenLayer.Train(xs, ys, 2, 4, o)!).ShouldBe(Bytes(a));
        var loaded = HiddenLayer.Read(new BinaryReader(new MemoryStream(Bytes(a))));
        var (sa, sb) = (new float[2], new float[2]);
        a.AddScores(xs[2], sa); loaded.AddScores(xs[2], sb);
        sb.ShouldBe(sa);
        Should.Throw<InvalidDataException>(() => HiddenLayer.Read(new BinaryReader(new MemoryStream(Bytes(a)[..40]))));
    }

    [Fact]
    public void NoHiddenLayerBeyondTheWeightBudget()
    {
        var (xs, ys) = Conjunctions();
        HiddenLayer.Train(xs, ys, 2, 4, new HiddenLayerOptions { MaxWeights = 100 }).ShouldBeNull();
    }

    [Fact]
    public void AnIntentModelOfTheOldFormatIsRefused()
    {
        var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, true)) { w.Write("CINT"u8.ToArray()); w.Write(1); }
        var e = Should.Throw<InvalidDataException>(() => IntentModel.Load(new MemoryStream(stream.ToArray())));
        e.Message.ShouldContain("version 1");
    }
}
