using System.Globalization;

namespace Concierge.Nlp.Text;

/// <summary>
/// jieba's "finalseg": a 4-state (B, M, E, S) hidden Markov model decoded with Viterbi, used only on runs of
/// characters the dictionary could not group, so that unseen names and new words still come out as words.
/// </summary>
internal sealed class HmmSegmenter
{
    private const int B = 0, E = 1, M = 2, S = 3;
    private const double MinLogProb = -3.14e100;                      // jieba's MIN_FLOAT: "impossible" but comparable

    // Fixed by the model file's header comments; kept here so that only the emission table needs parsing.
    private static readonly double[] s_start = [-0.26268660809250016, MinLogProb, MinLogProb, -1.4652633398537678];
    private static readonly double[,] s_trans =
    {
        { MinLogProb, -0.510825623765990, -0.916290731874155, MinLogProb },     // from B to B, E, M, S
        { -0.5897149736854513, MinLogProb, MinLogProb, -0.8085250474669937 },   // from E
        { MinLogProb, -0.33344856811948514, -1.2603623820268226, MinLogProb },  // from M
        { -0.7211965654669841, MinLogProb, MinLogProb, -0.6658631448798212 },   // from S
    };

    private readonly float[][] _emit;                                    // [state][char]

    private HmmSegmenter(float[][] emit) => _emit = emit;

    public static HmmSegmenter Load()
    {
        var emit = new float[4][];
        for (var s = 0; s < 4; s++)
        {
            emit[s] = new float[65536];
            Array.Fill(emit[s], float.NaN);
        }
        var text = EmbeddedData.ReadAllText("jieba-hmm.txt.gz");
        var row = 0;
        foreach (var line in EmbeddedData.Lines(text))
        {
            // Non-comment lines: start probs, 4 transition rows, then 4 emission rows (B, E, M, S).
            if (row >= 5 && row < 9)
            {
                var state = row - 5;
                foreach (var range in line.Split(','))
                {
                    var item = line[range];
                    var colon = item.LastIndexOf(':');
                    if (colon != 1) continue;                        // BMP characters only
                    if (float.TryParse(item[(colon + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var p))
                        emit[state][item[0]] = p;
                }
            }
            row++;
        }
        if (row < 9) throw new InvalidDataException("The HMM model resource is truncated.");
        return new HmmSegmenter(emit);
    }

    /// <summary>Splits <paramref name="run"/> into words and adds them to <paramref name="output"/>.</summary>
    public void Cut(ReadOnlySpan<char> run, List<string> output)
    {
        var n = run.Length;
        if (n == 0) return;
        if (n == 1) { output.Add(run.ToString()); return; }

        var v = n * 4 <= 512 ? stackalloc double[n * 4] : new double[n * 4];
        var back = n * 4 <= 512 ? stackalloc byte[n * 4] : new byte[n * 4];
        for (var s = 0; s < 4; s++) v[s] = s_start[s] + Emit(s, run[0]);
        for (var t = 1; t < n; t++)
        {
            for (var s = 0; s < 4; s++)
            {
                var best = double.NegativeInfinity;
                var from = 0;
                foreach (var p in Previous(s))
                {
                    var score = v[(t - 1) * 4 + p] + s_trans[p, s];
                    if (score > best) { best = score; from = p; }
                }
                v[t * 4 + s] = best + Emit(s, run[t]);
                back[t * 4 + s] = (byte)from;
            }
        }
        // A word must be closed at the end of the run.
        var state = v[(n - 1) * 4 + E] >= v[(n - 1) * 4 + S] ? E : S;
        Span<byte> path = n <= 256 ? stackalloc byte[n] : new byte[n];
        for (var t = n - 1; t >= 0; t--)
        {
            path[t] = (byte)state;
            state = back[t * 4 + state];
        }

        var begin = 0;
        for (var t = 0; t < n; t++)
        {
            switch (path[t])
            {
                case B: begin = t; break;
                case E: output.Add(run[begin..(t + 1)].ToString()); begin = t + 1; break;
                case S: output.Add(run.Slice(t, 1).ToString()); begin = t + 1; break;
            }
        }
        if (begin < n) output.Add(run[begin..].ToString());
    }

    private double Emit(int state, char c)
    {
        var p = _emit[state][c];
        return float.IsNaN(p) ? MinLogProb : p;
    }

    private static ReadOnlySpan<int> Previous(int state) => state switch
    {
        B => [E, S],
        M => [M, B],
        E => [B, M],
        _ => [S, E],
    };
}
