using System.Globalization;

namespace Clawdbot.Sdk;

/// <summary>
/// A model of a <see cref="BedrockFallbackChain"/> that did not answer: it failed before its first event with an error
/// worth failing over for, or it was passed over (cooling down after a recent failure, or a fallback reference the SDK
/// cannot call). Never holds a credential: the message is the scrubbed service text, shortened.
/// </summary>
public sealed record FailoverAttempt
{
    private const int MaxMessageLength = 200;

    /// <summary>The <c>provider/id</c> reference of the model (for a reference that could not be used, as written).</summary>
    public required string ModelRef { get; init; }

    /// <summary>What went wrong; null when the model was passed over without a call.</summary>
    public BedrockErrorKind? Kind { get; init; }

    /// <summary>The HTTP status of the failure, when there was one.</summary>
    public int? StatusCode { get; init; }

    /// <summary>The wire name of the error (<c>ThrottlingException</c>, …), when the service sent one.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>A short description: the service's message, or why the model was passed over.</summary>
    public required string Message { get; init; }

    /// <summary>True when the model was passed over without a call (cooling down, or not callable).</summary>
    public bool Skipped => Kind is null;

    /// <summary>
    /// One line: <c>amazon-bedrock/X: ThrottlingException (429)</c>, or <c>amazon-bedrock/X: skipped, cooling down …</c>.
    /// </summary>
    public override string ToString()
    {
        if (Kind is null)
        {
            return ModelRef + ": skipped, " + Message;
        }

        var status = StatusCode is { } code ? " (" + code.ToString(CultureInfo.InvariantCulture) + ")" : string.Empty;
        return ModelRef + ": " + (ErrorCode ?? Kind.Value.ToString()) + status;
    }

    internal static FailoverAttempt Failed(string modelRef, BedrockException error) => new()
    {
        ModelRef = modelRef,
        Kind = error.Kind,
        StatusCode = error.StatusCode,
        ErrorCode = error.ErrorCode,
        Message = Shorten(error.Message),
    };

    internal static FailoverAttempt Passed(string modelRef, string reason) => new() { ModelRef = modelRef, Message = reason };

    private static string Shorten(string message)
    {
        var line = message.ReplaceLineEndings(" ");
        return line.Length <= MaxMessageLength ? line : string.Concat(line.AsSpan(0, MaxMessageLength - 1), "…");
    }
}
