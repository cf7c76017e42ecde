using System.Text;

namespace Concierge.Features.Knowledge;

/// <summary>An RFC 4180 CSV reader: quoted fields with commas, doubled quotes and line breaks; reports the line each record starts on.</summary>
internal static class CsvRows
{
    public sealed record Record(int Line, IReadOnlyList<string> Fields);

    public static IEnumerable<Record> Read(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var start = 1;
        var quoted = false;
        var any = false;
        int c;
        while ((c = reader.Read()) != -1)
        {
            var ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"') { reader.Read(); field.Append('"'); }
                    else quoted = false;
                }
                else
                {
                    if (ch == '\n') line++;
                    field.Append(ch);
                }
                continue;
            }
            switch (ch)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    any = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    any = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    if (any || field.Length > 0)
                    {
                        fields.Add(field.ToString());
                        yield return new Record(start, fields.ToArray());
                    }
                    fields.Clear();
                    field.Clear();
                    any = false;
                    line++;
                    start = line;
                    break;
                default:
                    field.Append(ch);
                    any = true;
                    break;
            }
        }
        if (quoted) throw new FormatException($"Line {start}: a quoted field is not closed.");
        if (any || field.Length > 0)
        {
            fields.Add(field.ToString());
            yield return new Record(start, fields.ToArray());
        }
    }
}
