namespace Clawdbot.Sdk.Testing;

/// <summary>
/// One request the emulator received, recorded before it was authenticated. The <c>Authorization</c> and
/// <c>x-amz-security-token</c> header values are redacted.
/// </summary>
public sealed record RecordedRequest
{
    public required string Method { get; init; }

    /// <summary>The decoded path.</summary>
    public required string Path { get; init; }

    /// <summary>The path exactly as sent on the wire (percent-encoding intact), without the query.</summary>
    public required string RawPath { get; init; }

    /// <summary>The query string including the leading <c>?</c>, or empty.</summary>
    public required string Query { get; init; }

    /// <summary>The decoded model id of a runtime call (<c>/model/{modelId}/...</c>), else null.</summary>
    public string? ModelId { get; init; }

    /// <summary><c>ConverseStream</c>, <c>Converse</c>, <c>ListFoundationModels</c>, <c>ListInferenceProfiles</c> or <c>Unknown</c>.</summary>
    public required string Operation { get; init; }

    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>The request body as text (JSON for runtime calls); empty when there is none.</summary>
    public required string Body { get; init; }

    public required RequestAuthKind AuthKind { get; init; }

    /// <summary>The HTTP protocol, e.g. <c>HTTP/1.1</c> or <c>HTTP/2</c>.</summary>
    public required string Protocol { get; init; }

    public required DateTimeOffset Time { get; init; }

    /// <summary>The <c>x-amzn-RequestId</c> the emulator answered this request with (what AWS SDKs report as the request id).</summary>
    public required string RequestId { get; init; }
}
