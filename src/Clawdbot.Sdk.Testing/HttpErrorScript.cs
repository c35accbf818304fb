namespace Clawdbot.Sdk.Testing;

/// <summary>
/// An HTTP-level error as AWS sends it: the status, <c>x-amzn-ErrorType</c> and a JSON body <c>{"message":...}</c>.
/// </summary>
public sealed class HttpErrorScript : ScriptedResponse
{
    internal HttpErrorScript(int statusCode, string errorType, string message)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentException.ThrowIfNullOrEmpty(errorType);
        StatusCode = statusCode;
        ErrorType = errorType;
        Message = message;
    }

    /// <summary>The HTTP status the response carries; 400 or above.</summary>
    public int StatusCode { get; }

    /// <summary>The error type, e.g. <c>ThrottlingException</c>.</summary>
    public string ErrorType { get; }

    /// <summary>The text of the JSON body's <c>message</c>, which the client reports as the error's message.</summary>
    public string Message { get; }

    /// <summary>
    /// When true (the default) the header carries the full Coral form
    /// <c>ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/</c>, as AWS sends it; else the plain name.
    /// </summary>
    public bool QualifiedErrorType { get; private set; } = true;

    /// <summary>Sends the plain error type name in <c>x-amzn-ErrorType</c>.</summary>
    public HttpErrorScript WithPlainErrorType()
    {
        QualifiedErrorType = false;
        return this;
    }
}
