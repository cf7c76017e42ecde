using System.Buffers;
using Concierge.Nlp.Features;
using Concierge.Nlp.Models;
using Concierge.Nlp.Text;

namespace Concierge.Nlp.Intents;

/// <summary>
/// A trained intent classifier: immutable and safe to share between threads. Create it with
/// <see cref="IntentClassifier.Train"/> or <see cref="Load"/>; publish retrained models through a <see cref="ModelHolder{T}"/>.
/// </summary>
public sealed class IntentModel
{
    private const string Magic = "CINT";
    private readonly TextFeaturizer _featurizer;
    private readonly QuantizedLinear _linear;
    private readonly HiddenLayer? _hidden;
    private readonly string[] _labels;
    private readonly int _oosClass;
    private readonly int _topK;
    private readonly TypoCorrector _corrector;

    internal IntentModel(TextFeaturizer featurizer, QuantizedLinear linear, HiddenLayer? hidden, string[] labels, int oosClass,
        float temperature, float threshold, int topK, TypoCorrector corrector)
    {
        _featurizer = featurizer; _linear = linear; _hidden = hidden; _labels = labels; _oosClass = oosClass;
        Temperature = temperature; OutOfScopeThreshold = threshold; _topK = Math.Max(1, topK); _corrector = corrector;
    }

    /// <summary>The in-scope labels the model knows, in a stable order.</summary>
    public IReadOnlyList<string> Labels => _oosClass < 0 ? _labels : _labels.Where((_, i) => i != _oosClass).ToArray();

    /// <summary>Softmax temperature fitted on out-of-fold training predictions (1 = uncalibrated).</summary>
    public float Temperature { get; }

    /// <summary>Predictions whose confidence falls below this are out of scope (learned from the training data).</summary>
    public float OutOfScopeThreshold { get; }

    /// <summary>Approximate bytes held by the model's arrays.</summary>
    public long ApproximateBytes => _linear.Bytes + (_hidden?.Bytes ?? 0) + (long)_featurizer.Dimension * 24 + _corrector.ApproximateBytes;

    /// <summary>Classifies one text. Thread-safe; allocates only the result and the feature vector.</summary>
    public IntentPrediction Predict(string text)
    {
        // Chinese typed with an input method may carry a same-sounding wrong character (查讯 for 查询), English a word one
        // letter off (arrivd), either chat spelling (咋, dont): repaired against the training examples' own text first.
        var x = _featurizer.Transform(Analyze(_corrector.Correct(EngineText.Normalize(text))));
        var stride = _linear.Stride;
        float[]? rented = null;
        var probs = stride <= 512 ? stackalloc float[stride] : (rented = ArrayPool<float>.Shared.Rent(stride)).AsSpan(0, stride);
        _linear.Score(x, probs);
        _hidden?.AddScores(x, probs);
        LinearModel.Softmax(probs, _linear.Classes, Temperature);
        var result = Decide(probs);
        if (rented is not null) ArrayPool<float>.Shared.Return(rented);
        return result;
    }

    /// <summary>
    /// A query as the model sees it: without the courtesy wrapped around the request ("你好，我要退款，谢谢" reads "我要退款");
    /// a text that is only courtesy ("你好") stays whole and is classified as such. Training examples are used as written:
    /// trimming them too retrains on slightly different text and cost SMP2017 0.6 and CLINC150 0.4 points, while trimming
    /// only the query leaves the clean test sets as they were.
    /// </summary>
    private static AnalyzedText Analyze(string normalized) => AnalyzedText.OfNormalized(Courtesy.Trim(normalized));

    internal static (int Best, float BestP, int ArgMax) Inspect(ReadOnlySpan<float> probs, int classes, int oosClass)
    {
        int best = -1, argMax = 0;
        float bestP = -1;
        for (var c = 0; c < classes; c++)
        {
            if (probs[c] > probs[argMax]) argMax = c;
            if (c != oosClass && probs[c] > bestP) { bestP = probs[c]; best = c; }
        }
        return (best, bestP, argMax);
    }

    private IntentPrediction Decide(ReadOnlySpan<float> probs)
    {
        var classes = _linear.Classes;
        var (best, bestP, argMax) = Inspect(probs, classes, _oosClass);
        var oos = argMax == _oosClass || bestP < OutOfScopeThreshold;
        var k = Math.Min(_topK, classes - (_oosClass >= 0 ? 1 : 0));
        var top = new ScoredLabel[k];
        Span<int> idx = stackalloc int[k];
        Span<float> val = stackalloc float[k];
        var filled = 0;
        for (var c = 0; c < classes; c++)
        {
            if (c == _oosClass) continue;
            var p = probs[c];
            if (filled == k && p <= val[k - 1]) continue;
            var pos = filled < k ? filled++ : k - 1;
            while (pos > 0 && val[pos - 1] < p) { val[pos] = val[pos - 1]; idx[pos] = idx[pos - 1]; pos--; }
            val[pos] = p; idx[pos] = c;
        }
        for (var i = 0; i < k; i++) top[i] = new ScoredLabel(_labels[idx[i]], val[i]);
        return new IntentPrediction(_labels[best], bestP, oos, top);
    }

    /// <summary>Writes the model in the versioned binary format.</summary>
    public void Save(Stream stream)
    {
        using var w = ModelFormat.OpenWriter(stream, Magic);
        ModelFormat.WriteStrings(w, _labels);
        w.Write(_oosClass); w.Write(Temperature); w.Write(OutOfScopeThreshold); w.Write(_topK);
        _featurizer.Write(w);
        _linear.Write(w);
        w.Write(_hidden is not null);
        _hidden?.Write(w);
        _corrector.Write(w);
    }

    /// <summary>Reads a model written by <see cref="Save"/>; throws <see cref="InvalidDataException"/> for anything else.</summary>
    public static IntentModel Load(Stream stream)
    {
        using var r = ModelFormat.OpenReader(stream, Magic);
        var labels = ModelFormat.ReadStrings(r);
        var oos = r.ReadInt32(); var t = r.ReadSingle(); var th = r.ReadSingle(); var k = r.ReadInt32();
        var f = TextFeaturizer.Read(r);
        var l = QuantizedLinear.Read(r);
        var h = r.ReadBoolean() ? HiddenLayer.Read(r) : null;
        var c = TypoCorrector.Read(r);
        return new IntentModel(f, l, h, labels, oos, t, th, k, c);
    }
}
