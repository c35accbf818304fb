using System.Text;
using System.Text.Json;
using Clawdbot.Sdk.Wire;

namespace Clawdbot.Sdk;

/// <summary>Turns an HTTP error response (<c>x-amzn-ErrorType</c> header, JSON <c>message</c>) into a <see cref="BedrockException"/>.</summary>
internal static class HttpErrors
{
    private const int MaxBodyBytes = 64 * 1024;

    public static async Task<BedrockException> ReadAsync(HttpResponseMessage response, CallTimeouts timeouts, int attempt)
    {
        var status = (int)response.StatusCode;
        var requestId = BedrockTransport.RequestIdOf(response);
        var errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out var types) ? types.FirstOrDefault() : null;
        string? message = null;
        try
        {
            var body = await ReadBodyAsync(response, timeouts.Token).ConfigureAwait(false);
            if (body.Length > 0)
            {
                try
                {
                    var wire = JsonSerializer.Deserialize(body, ConverseJsonContext.Default.ErrorBodyWire);
                    message = ServiceMessage.Scrub(wire?.Message ?? wire?.MessageUpper);
                    errorType ??= wire?.Type;
                }
                catch (JsonException)
                {
                    message = ServiceMessage.Scrub(Encoding.UTF8.GetString(body));
                }
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
        {
            // The status and headers already say what failed; a lost body only costs the message.
        }

        var code = BedrockErrorCodes.Normalize(errorType);
        var kind = code.Length > 0 ? BedrockErrorCodes.Classify(code).Kind : BedrockErrorCodes.FromStatus(status);
        if (kind == BedrockErrorKind.ServiceError && code.Length > 0 && BedrockErrorCodes.FromStatus(status) is var byStatus && byStatus != BedrockErrorKind.ServiceError)
        {
            kind = byStatus;
        }

        return new BedrockException(kind, string.IsNullOrWhiteSpace(message) ? $"HTTP {status} {response.ReasonPhrase}" : message)
        {
            StatusCode = status,
            RequestId = requestId,
            ErrorCode = code.Length > 0 ? code : null,
            Attempts = attempt,
        };
    }

    private static async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[MaxBodyBytes];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
        }

        return buffer.AsSpan(0, total).ToArray();
    }
}
