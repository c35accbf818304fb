using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Http;

namespace Clawdbot.Sdk.Testing.Internal;

/// <summary>STS's query-protocol replies: <c>{Action}Response/{Action}Result</c> documents and <c>ErrorResponse</c>.</summary>
internal static class StsXml
{
    public const string Namespace = "https://sts.amazonaws.com/doc/2011-06-15/";

    /// <summary>An STS error: its query-protocol code, HTTP status and message.</summary>
    public sealed record Error(int Status, string Code, string Message);

    public static Error Validation(string message) => new(400, "ValidationError", message);

    public static Error NotNull(string member) =>
        Validation($"1 validation error detected: Value null at '{member}' failed to satisfy constraint: Member must not be null");

    /// <summary>The query-protocol form of an authentication error the SigV4 check gave in REST-JSON terms.</summary>
    public static Error FromAuthentication(AwsError error) => error.Type switch
    {
        "UnrecognizedClientException" => new Error(403, "InvalidClientTokenId", error.Message),
        "InvalidSignatureException" => new Error(403, "SignatureDoesNotMatch", error.Message),
        "IncompleteSignatureException" => new Error(400, "IncompleteSignature", error.Message),
        "MissingAuthenticationTokenException" => new Error(403, "MissingAuthenticationToken", "Request is missing Authentication Token"),
        "ExpiredTokenException" => new Error(403, "ExpiredToken", error.Message),
        _ => new Error(error.Status, error.Type, error.Message),
    };

    public static Task WriteErrorAsync(HttpResponse response, Error error, string requestId, CancellationToken cancellationToken) =>
        WriteAsync(response, error.Status, writer =>
        {
            writer.WriteStartElement("ErrorResponse", Namespace);
            writer.WriteStartElement("Error");
            writer.WriteElementString("Type", error.Status >= 500 ? "Receiver" : "Sender");
            writer.WriteElementString("Code", error.Code);
            writer.WriteElementString("Message", error.Message);
            writer.WriteEndElement();
            writer.WriteElementString("RequestId", requestId);
            writer.WriteEndElement();
        }, cancellationToken);

    public static Task WriteResultAsync(HttpResponse response, string action, string requestId, Action<XmlWriter> writeResult, CancellationToken cancellationToken) =>
        WriteAsync(response, 200, writer =>
        {
            writer.WriteStartElement(action + "Response", Namespace);
            writer.WriteStartElement(action + "Result");
            writeResult(writer);
            writer.WriteEndElement();
            writer.WriteStartElement("ResponseMetadata");
            writer.WriteElementString("RequestId", requestId);
            writer.WriteEndElement();
            writer.WriteEndElement();
        }, cancellationToken);

    /// <summary>Writes <c>Credentials</c> as STS does, the expiration in ISO 8601 UTC.</summary>
    public static void WriteCredentials(XmlWriter writer, IdentityStore.Issued issued)
    {
        writer.WriteStartElement("Credentials");
        writer.WriteElementString("AccessKeyId", issued.AccessKeyId);
        writer.WriteElementString("SecretAccessKey", issued.SecretAccessKey);
        writer.WriteElementString("SessionToken", issued.SessionToken);
        writer.WriteElementString("Expiration", Iso8601(issued.Expiration));
        writer.WriteEndElement();
    }

    public static void WriteAssumedRoleUser(XmlWriter writer, IdentityStore.Issued issued)
    {
        writer.WriteStartElement("AssumedRoleUser");
        writer.WriteElementString("AssumedRoleId", issued.UserId);
        writer.WriteElementString("Arn", issued.Arn);
        writer.WriteEndElement();
    }

    public static string Iso8601(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task WriteAsync(HttpResponse response, int status, Action<XmlWriter> write, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings
               {
                   Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
                   Indent = true,
                   IndentChars = "  ",
                   OmitXmlDeclaration = true,
               }))
        {
            write(writer);
        }

        buffer.WriteByte((byte)'\n');
        response.StatusCode = status;
        response.ContentType = "text/xml";
        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken).ConfigureAwait(false);
    }
}
