using System.Text;

namespace Clawdbot.Sdk;

/// <summary>Media types of <c>DataContent</c> and <c>UriContent</c> as Converse image, video and document formats.</summary>
internal static class MediaTypes
{
    public static string ImageFormat(string mediaType) => Essence(mediaType) switch
    {
        "image/png" => "png",
        "image/jpeg" or "image/jpg" => "jpeg",
        "image/gif" => "gif",
        "image/webp" => "webp",
        var other => throw new NotSupportedException($"Bedrock accepts png, jpeg, gif and webp images, not '{other}'."),
    };

    public static string VideoFormat(string mediaType) => Essence(mediaType) switch
    {
        "video/x-matroska" or "video/matroska" => "mkv",
        "video/quicktime" => "mov",
        "video/mp4" => "mp4",
        "video/webm" => "webm",
        "video/x-flv" => "flv",
        "video/mpeg" => "mpeg",
        "video/mpg" => "mpg",
        "video/x-ms-wmv" => "wmv",
        "video/3gpp" => "three_gp",
        var other => throw new NotSupportedException($"Bedrock accepts mkv, mov, mp4, webm, flv, mpeg, mpg, wmv and 3gp videos, not '{other}'."),
    };

    public static string DocumentFormat(string mediaType) => Essence(mediaType) switch
    {
        "application/pdf" => "pdf",
        "text/csv" => "csv",
        "application/msword" => "doc",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "docx",
        "application/vnd.ms-excel" => "xls",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "xlsx",
        "text/html" => "html",
        "text/plain" => "txt",
        "text/markdown" => "md",
        var other => throw new NotSupportedException($"Bedrock accepts no document of media type '{other}' (pdf, csv, doc, docx, xls, xlsx, html, txt and md are)."),
    };

    /// <summary>
    /// A document name Bedrock accepts: letters, digits, single spaces, hyphens, parentheses and square brackets;
    /// other characters become hyphens. Unnamed documents are numbered by position.
    /// </summary>
    public static string DocumentName(string? name, int position)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "document-" + (position + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var builder = new StringBuilder(name.Length);
        foreach (var c in Path.GetFileNameWithoutExtension(name.Trim()))
        {
            var allowed = char.IsAsciiLetterOrDigit(c) || c is '-' or '(' or ')' or '[' or ']';
            if (c == ' ' && builder.Length > 0 && builder[^1] != ' ')
            {
                builder.Append(' ');
            }
            else if (allowed)
            {
                builder.Append(c);
            }
            else if (c != ' ')
            {
                builder.Append('-');
            }
        }

        var result = builder.ToString().Trim();
        return result.Length == 0 ? "document-" + (position + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : result;
    }

    private static string Essence(string mediaType)
    {
        var semicolon = mediaType.IndexOf(';');
        return (semicolon < 0 ? mediaType : mediaType[..semicolon]).Trim().ToLowerInvariant();
    }
}
