namespace Clawdbot.Sdk.EventStreams;

/// <summary>
/// The header values Bedrock sends on every frame, kept as one string instance each so reading a frame's
/// message type, event type or content type allocates nothing.
/// </summary>
internal static class EventStreamKnownStrings
{
    public const string MessageTypeHeader = ":message-type";
    public const string EventTypeHeader = ":event-type";
    public const string ExceptionTypeHeader = ":exception-type";
    public const string ErrorCodeHeader = ":error-code";
    public const string ErrorMessageHeader = ":error-message";
    public const string ContentTypeHeader = ":content-type";

    public const string Event = "event";
    public const string Exception = "exception";
    public const string Error = "error";
    public const string ApplicationJson = "application/json";

    public const string MessageStart = "messageStart";
    public const string ContentBlockStart = "contentBlockStart";
    public const string ContentBlockDelta = "contentBlockDelta";
    public const string ContentBlockStop = "contentBlockStop";
    public const string MessageStop = "messageStop";
    public const string Metadata = "metadata";

    public const string ThrottlingException = "throttlingException";
    public const string ModelStreamErrorException = "modelStreamErrorException";
    public const string ValidationException = "validationException";
    public const string InternalServerException = "internalServerException";
    public const string ServiceUnavailableException = "serviceUnavailableException";
    public const string AccessDeniedException = "accessDeniedException";
    public const string ResourceNotFoundException = "resourceNotFoundException";
    public const string ModelTimeoutException = "modelTimeoutException";

    // Searched in order: the values of almost every frame of a stream come first.
    private static readonly (byte[] Utf8, string Text)[] Values = Build(
        Event, ContentBlockDelta, ApplicationJson, Exception, Error,
        MessageStart, ContentBlockStart, ContentBlockStop, MessageStop, Metadata,
        ThrottlingException, ModelStreamErrorException, ValidationException, InternalServerException,
        ServiceUnavailableException, AccessDeniedException, ResourceNotFoundException, ModelTimeoutException);

    /// <summary>The cached instance for a known value, or <see langword="null"/> when the value is not one of them.</summary>
    public static string? Find(ReadOnlySpan<byte> utf8)
    {
        foreach (var (bytes, text) in Values)
        {
            if (utf8.SequenceEqual(bytes))
            {
                return text;
            }
        }

        return null;
    }

    private static (byte[], string)[] Build(params string[] texts) =>
        Array.ConvertAll(texts, text => (System.Text.Encoding.UTF8.GetBytes(text), text));
}
