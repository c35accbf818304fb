using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Clawdbot.Sdk;

/// <summary>
/// The control-plane listings over HTTP, signed and sent by a client's <see cref="BedrockTransport"/> (same region,
/// endpoint resolution, credentials and handler as invocation): <c>GET /foundation-models</c>, <c>GET /inference-profiles</c>
/// and <c>GET /inference-profiles/{id}</c>.
/// </summary>
internal sealed class BedrockClientControlPlane : IBedrockControlPlane
{
    private const int ProfilePageSize = 1000;

    private readonly BedrockTransport _transport;

    public BedrockClientControlPlane(BedrockTransport transport) => _transport = transport;

    public BedrockClientControlPlane(BedrockClient client)
        : this(client.Transport)
    {
    }

    public string Region => _transport.Region;

    public Uri Endpoint => _transport.Location.ControlPlaneEndpoint;

    // Any failure to resolve (no source, an expired SSO token, a refused assume-role, a timeout) means "no identity":
    // discovery left unset then stays off, and discovery switched on fails in the listing, where it is reported.
    public async ValueTask<string?> GetCredentialIdentityAsync(CancellationToken cancellationToken)
    {
        try
        {
            var credentials = await _transport.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
            if (credentials.BearerToken is { } token)
            {
                // Tells tokens apart without keeping one: a short hash, never the token.
                return "bearer:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..16];
            }

            var immutable = await credentials.AwsCredentials!.GetCredentialsAsync().ConfigureAwait(false);
            return "sigv4:" + immutable.AccessKey;
        }
        catch (Exception exception) when (!(exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            return null;
        }
    }

    public async Task<FoundationModelsPage> ListFoundationModelsAsync(string? nextToken, CancellationToken cancellationToken)
    {
        var path = "foundation-models" + (nextToken is null ? "" : "?nextToken=" + Uri.EscapeDataString(nextToken));
        return await GetAsync(path, ControlPlaneJsonContext.Default.FoundationModelsPage, "ListFoundationModels", cancellationToken).ConfigureAwait(false);
    }

    public async Task<InferenceProfilesPage> ListInferenceProfilesAsync(string? nextToken, CancellationToken cancellationToken)
    {
        var path = "inference-profiles?maxResults=" + ProfilePageSize + "&typeEquals=SYSTEM_DEFINED"
                   + (nextToken is null ? "" : "&nextToken=" + Uri.EscapeDataString(nextToken));
        return await GetAsync(path, ControlPlaneJsonContext.Default.InferenceProfilesPage, "ListInferenceProfiles", cancellationToken).ConfigureAwait(false);
    }

    public async Task<InferenceProfileSummary> GetInferenceProfileAsync(string identifier, CancellationToken cancellationToken)
    {
        var path = "inference-profiles/" + Uri.EscapeDataString(identifier);
        return await GetAsync(path, ControlPlaneJsonContext.Default.InferenceProfileSummary, "GetInferenceProfile", cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> GetAsync<T>(string relativePath, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, string operation, CancellationToken cancellationToken)
        where T : class, new()
    {
        var endpoint = Endpoint;
        var basePath = endpoint.AbsolutePath.EndsWith('/') ? endpoint.AbsolutePath : endpoint.AbsolutePath + "/";
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint, basePath + relativePath));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        HttpResponseMessage response;
        try
        {
            response = await _transport.SendControlPlaneAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            throw new BedrockException(BedrockErrorKind.ConnectionFailed, $"{operation} could not reach {endpoint}: {exception.Message}", exception);
        }

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw Failure(response, body, operation);
            }

            try
            {
                return JsonSerializer.Deserialize(body, typeInfo) ?? new T();
            }
            catch (JsonException exception)
            {
                throw new BedrockException(BedrockErrorKind.ServiceError, $"{operation} returned a body that is not the expected JSON: {exception.Message}", exception);
            }
        }
    }

    private static BedrockException Failure(HttpResponseMessage response, byte[] body, string operation)
    {
        ControlPlaneError? error = null;
        try
        {
            error = JsonSerializer.Deserialize(body, ControlPlaneJsonContext.Default.ControlPlaneError);
        }
        catch (JsonException)
        {
        }

        var code = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.FirstOrDefault() : error?.Type;
        var (kind, _) = BedrockErrorCodes.Classify(code);
        if (kind == BedrockErrorKind.ServiceError)
        {
            kind = BedrockErrorCodes.FromStatus((int)response.StatusCode);
        }

        var message = ServiceMessage.Scrub(error?.Message ?? error?.MessageUpper) ?? response.ReasonPhrase ?? "no message";
        return new BedrockException(kind, $"{operation} failed ({(int)response.StatusCode} {BedrockErrorCodes.Normalize(code)}): {message}")
        {
            StatusCode = (int)response.StatusCode,
            ErrorCode = string.IsNullOrEmpty(code) ? null : BedrockErrorCodes.Normalize(code),
            RequestId = BedrockTransport.RequestIdOf(response),
        };
    }
}
