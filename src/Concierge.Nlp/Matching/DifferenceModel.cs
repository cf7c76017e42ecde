using Concierge.Nlp.Features;

namespace Concierge.Nlp.Matching;

/// <summary>
/// A logistic layer over the words in which two questions differ, stacked on the similarity trees' margin. It
/// learns which differences are harmless ("吗"/"呢", "怎么"/"如何", plural endings) and which change the question
/// ("退款"/"发票") — knowledge about words, not about particular pairs, so it carries over to new questions.
/// </summary>
internal sealed class DifferenceModel
{
    private const int Bits = 18;
    private const int Mask = (1 << Bits) - 1;
    private readonly float[] _w;
    private float _marginWeight;
    private float _bias;

    private DifferenceModel(float[] w, float marginWeight, float bias) { _w = w; _marginWeight = marginWeight; _bias = bias; }

    public static int[] Features(PairFeatures.PairSide a, PairFeatures.PairSide b)
    {
        var onlyA = a.Words.Where(w => Array.IndexOf(b.Words, w) < 0).ToArray();
        var onlyB = b.Words.Where(w => Array.IndexOf(a.Words, w) < 0).ToArray();
        var ids = new List<int>(onlyA.Length + onlyB.Length + onlyA.Length * onlyB.Length + 1);
        foreach (var w in onlyA) ids.Add((int)(FeatureHash.Of(w, 0xD1FF) & Mask));
        foreach (var w in onlyB) ids.Add((int)(FeatureHash.Of(w, 0xD1FF) & Mask));
        foreach (var x in onlyA)
            foreach (var y in onlyB)
            {
                var (p, q) = string.CompareOrdinal(x, y) < 0 ? (x, y) : (y, x);
                ids.Add((int)(FeatureHash.Combine(FeatureHash.Of(p, 0xC055), FeatureHash.Of(q, 0xC055), 3) & Mask));
            }
        // Characters one side lacks catch differences the segmenter cut differently ("几号" vs "几日").
        foreach (var c in a.Content) if (b.Content.IndexOf(c) < 0) ids.Add((int)(FeatureHash.Add(FeatureHash.Start(0xC4A2), c) & Mask));
        foreach (var c in b.Content) if (a.Content.IndexOf(c) < 0) ids.Add((int)(FeatureHash.Add(FeatureHash.Start(0xC4A2), c) & Mask));
        if (onlyA.Length + onlyB.Length == 0) ids.Add((int)(FeatureHash.Of("\u0001same", 0xD1FF) & Mask));
        return [.. ids.Distinct()];
    }

    public float Margin(int[] features, float treeMargin)
    {
        var z = _bias + _marginWeight * treeMargin;
        foreach (var f in features) z += _w[f];
        return z;
    }

    public float Probability(int[] features, float treeMargin) => 1f / (1f + MathF.Exp(-Margin(features, treeMargin)));

    public static DifferenceModel Train(int[][] features, float[] treeMargins, bool[] ys, IReadOnlyList<int> rows, int seed,
        int epochs = 8, float lr = 0.2f, float l2 = 1e-4f)
    {
        var m = new DifferenceModel(new float[1 << Bits], 1f, 0f);
        var g2 = new float[1 << Bits];
        float g2m = 1e-6f, g2b = 1e-6f;
        var order = rows.ToArray();
        var rng = new Random(seed);
        for (var e = 0; e < epochs; e++)
        {
            rng.Shuffle(order);
            foreach (var i in order)
            {
                var p = m.Probability(features[i], treeMargins[i]);
                var g = p - (ys[i] ? 1f : 0f);
                foreach (var f in features[i])
                {
                    var gf = g + l2 * m._w[f];
                    g2[f] += gf * gf;
                    m._w[f] -= lr * gf / (MathF.Sqrt(g2[f]) + 1e-6f);
                }
                var gm = g * treeMargins[i];
                g2m += gm * gm; m._marginWeight -= lr * gm / MathF.Sqrt(g2m);
                g2b += g * g; m._bias -= lr * g / MathF.Sqrt(g2b);
            }
        }
        return m;
    }

    public void Write(BinaryWriter w)
    {
        w.Write(_marginWeight); w.Write(_bias);
        var nonZero = 0;
        foreach (var v in _w) if (v != 0) nonZero++;
        w.Write(nonZero);
        for (var i = 0; i < _w.Length; i++) if (_w[i] != 0) { w.Write(i); w.Write(_w[i]); }
    }

    public static DifferenceModel Read(BinaryReader r)
    {
        var mw = r.ReadSingle(); var b = r.ReadSingle();
        var w = new float[1 << Bits];
        var n = r.ReadInt32();
        for (var k = 0; k < n; k++) { var i = r.ReadInt32(); w[i] = r.ReadSingle(); }
        return new DifferenceModel(w, mw, b);
    }
}
