using System.IO.Compression;
using System.Text;

namespace Concierge.Nlp.Evaluation;

/// <summary>One parsed record and the line it starts on.</summary>
internal sealed record DelimitedRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>
/// Reads RFC 4180 CSV (quoted fields, doubled quotes, newlines inside quotes) and tab-separated files, plain or
/// gzip-compressed, reporting problems with the file name and line.
/// </summary>
internal static class DelimitedReader
{
    /// <summary>Parses every record of <paramref name="reader"/>. <paramref name="name"/> is only used in error messages.</summary>
    public static IEnumerable<DelimitedRecord> Parse(TextReader reader, string name, char separator = ',')
    {
        var line = 1;
        var fields = new List<string>();
        var field = new StringBuilder();
        var recordLine = 1;
        var inQuotes = false;
        var quotedField = false;
        var afterQuote = false;
        var any = false;
        int ch;
        if (reader.Peek() == '\uFEFF') reader.Read();
        while ((ch = reader.Read()) != -1)
        {
            var c = (char)ch;
            any = true;
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"') { reader.Read(); field.Append('"'); }
                    else { inQuotes = false; afterQuote = true; }
                }
                else
                {
                    if (c == '\n') line++;
                    field.Append(c);
                }
                continue;
            }
            if (c == separator)
            {
                fields.Add(field.ToString()); field.Clear(); quotedField = false; afterQuote = false;
            }
            else if (c == '\r' || c == '\n')
            {
                if (c == '\r' && reader.Peek() == '\n') reader.Read();
                fields.Add(field.ToString()); field.Clear();
                if (!(fields.Count == 1 && fields[0].Length == 0 && !quotedField)) yield return new DelimitedRecord(recordLine, fields.ToArray());
                fields.Clear(); quotedField = false; afterQuote = false; any = false;
                line++; recordLine = line;
            }
            else if (c == '"' && separator == ',')
            {
                if (field.Length > 0 || quotedField)
                    throw new DatasetFormatException(name, line, "a quote appears inside an unquoted field; quote the whole field and double inner quotes (\"\").");
                inQuotes = true; quotedField = true;
            }
            else
            {
                if (afterQuote)
                    throw new DatasetFormatException(name, line, $"unexpected '{c}' after a closing quote.");
                field.Append(c);
            }
        }
        if (inQuotes) throw new DatasetFormatException(name, recordLine, "a quoted field is never closed.");
        if (any)
        {
            fields.Add(field.ToString());
            if (!(fields.Count == 1 && fields[0].Length == 0 && !quotedField)) yield return new DelimitedRecord(recordLine, fields.ToArray());
        }
    }

    /// <summary>Opens a file for reading as UTF-8, transparently decompressing names ending in ".gz".</summary>
    public static TextReader OpenText(string path)
    {
        if (!System.IO.File.Exists(path)) throw new DatasetFormatException(path, 0, $"file not found (looked for {Path.GetFullPath(path)}).");
        Stream s = System.IO.File.OpenRead(path);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) s = new GZipStream(s, CompressionMode.Decompress);
        return new StreamReader(s, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
    }

    /// <summary>
    /// Reads a CSV file with a header, returning for each record the values of <paramref name="columns"/> in that
    /// order. Extra columns are ignored; missing columns, wrong field counts and empty required values are errors.
    /// </summary>
    public static List<(int Line, string[] Values)> ReadCsv(TextReader reader, string name, params string[] columns)
    {
        var result = new List<(int, string[])>();
        int[]? positions = null;
        var width = 0;
        try
        {
            foreach (var rec in Parse(reader, name))
            {
                if (positions is null)
                {
                    var header = rec.Fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
                    positions = new int[columns.Length];
                    for (var i = 0; i < columns.Length; i++)
                    {
                        positions[i] = header.IndexOf(columns[i]);
                        if (positions[i] < 0)
                            throw new DatasetFormatException(name, rec.Line,
                                $"the header must name the columns {string.Join(",", columns)} (found: {string.Join(",", rec.Fields)}).");
                    }
                    width = header.Count;
                    continue;
                }
                if (rec.Fields.Count != width)
                    throw new DatasetFormatException(name, rec.Line, $"expected {width} fields but found {rec.Fields.Count}; quote fields that contain commas.");
                var values = new string[columns.Length];
                for (var i = 0; i < columns.Length; i++)
                {
                    values[i] = rec.Fields[positions[i]];
                    if (i > 0 && string.IsNullOrWhiteSpace(values[i]))
                        throw new DatasetFormatException(name, rec.Line, $"the '{columns[i]}' value is empty.");
                }
                result.Add((rec.Line, values));
            }
        }
        catch (DecoderFallbackException)
        {
            throw new DatasetFormatException(name, 0, "the file is not valid UTF-8.");
        }
        if (positions is null) throw new DatasetFormatException(name, 1, $"the file is empty; expected a header {string.Join(",", columns)}.");
        return result;
    }
}
