namespace Clawdbot.Cli;

/// <summary>
/// A path into the config as <c>clawdbot config get/set</c> write it (Clawdbot's grammar): segments separated by
/// dots, <c>[x]</c> for a segment that may hold dots or be an array index, and <c>\</c> escaping the next character
/// (<c>agents.defaults.models[amazon-bedrock/x]</c>, <c>a\.b.c</c>). A segment of digits indexes an array.
/// </summary>
internal static class ConfigPath
{
    public static IReadOnlyList<string> Parse(string raw)
    {
        var text = raw.Trim();
        var segments = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\\':
                    if (i + 1 < text.Length)
                    {
                        current.Append(text[++i]);
                    }

                    break;
                case '.':
                    Flush();
                    break;
                case '[':
                    Flush();
                    var close = text.IndexOf(']', i);
                    if (close < 0)
                    {
                        throw new FormatException($"Invalid path (missing \"]\"): {raw}");
                    }

                    var inside = text[(i + 1)..close].Trim();
                    if (inside.Length == 0)
                    {
                        throw new FormatException($"Invalid path (empty \"[]\"): {raw}");
                    }

                    segments.Add(inside);
                    i = close;
                    break;
                default:
                    current.Append(c);
                    break;
            }
        }

        Flush();
        if (segments.Count == 0)
        {
            throw new FormatException("Path is empty.");
        }

        return segments;

        void Flush()
        {
            var segment = current.ToString().Trim();
            if (segment.Length > 0)
            {
                segments.Add(segment);
            }

            current.Clear();
        }
    }

    public static bool TryIndex(string segment, out int index)
        => int.TryParse(segment, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out index);
}
