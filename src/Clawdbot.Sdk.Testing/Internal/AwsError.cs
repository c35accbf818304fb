using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Clawdbot.Sdk.Testing.Internal;

/// <summary>An HTTP error in AWS's REST-JSON shape: status, <c>x-amzn-ErrorType</c>, <c>{"message":...}</c>.</summary>
internal sealed record AwsError(int Status, string Type, string Message, bool Qualified = true)
{
    /// <summary>Authentication errors come from the Coral service framework, not from Bedrock itself.</summary>
    private static readonly HashSet<string> FrameworkErrors =
    [
        "UnrecognizedClientException", "InvalidSignatureException", "IncompleteSignatureException",
        "MissingAuthenticationTokenException", "UnknownOperationException", "ExpiredTokenException",
    ];

    public static AwsError Validation(string message) => new(400, "ValidationException", message);

    public static AwsError Unrecognized(string message) => new(403, "UnrecognizedClientException", message);

    public static AwsError InvalidSignature(string message) => new(403, "InvalidSignatureException", message);

    public static AwsError IncompleteSignature(string message) => new(403, "IncompleteSignatureException", message);

    /// <summary>The HTTP error a streamed exception type stands for on the non-streaming <c>converse</c>.</summary>
    public static AwsError FromStreamException(string exceptionType, string message)
    {
        var type = exceptionType.Length > 0 ? char.ToUpperInvariant(exceptionType[0]) + exceptionType[1..] : exceptionType;
        var status = type switch
        {
            "ThrottlingException" => 429,
            "ValidationException" => 400,
            "AccessDeniedException" => 403,
            "ResourceNotFoundException" => 404,
            "ModelTimeoutException" => 408,
            "ModelStreamErrorException" => 424,
            "ServiceUnavailableException" => 503,
            _ => 500,
        };
        return new AwsError(status, type, message);
    }

    public async Task WriteAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        var coralNamespace = FrameworkErrors.Contains(Type) ? "com.amazon.coral.service" : "com.amazon.bedrock";
        response.StatusCode = Status;
        response.Headers["x-amzn-ErrorType"] = Qualified ? $"{Type}:http://internal.amazon.com/coral/{coralNamespace}/" : Type;
        response.ContentType = "application/json";
        var body = new JsonObject { ["message"] = Message }.ToJsonString();
        await response.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }
}
