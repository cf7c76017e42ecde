namespace Concierge.Nlp.Evaluation;

/// <summary>A data file that cannot be read; the message names the file and the 1-based line.</summary>
public sealed class DatasetFormatException(string file, int line, string problem)
    : Exception($"{file}:{line}: {problem}")
{
    /// <summary>The file as it was named to the reader.</summary>
    public string File { get; } = file;

    /// <summary>The 1-based line where the offending record starts (0 when the file itself is the problem).</summary>
    public int Line { get; } = line;
}
