using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Clawdbot.Sdk.EventStreams;
using Clawdbot.Sdk.Testing;

namespace Clawdbot.Sdk.Tests.Emulator;

/// <summary>Plain HttpClient access to the emulator, signed by AWSSDK.Core, decoded by <see cref="EventStreamReader"/>.</summary>
internal static class EmulatorClient
{
    public const string OpusProfile = "us.anthropic.claude-opus-4-5-20251101-v1:0";

    public static HttpClient SigV4(LocalBedrock bedrock, AWSCredentials? credentials = null, string? region = null)
    {
        var handler = new SigV4SigningHandler(
            credentials ?? bedrock.Credentials,
            RegionEndpoint.GetBySystemName(region ?? bedrock.Region),
            "bedrock",
            new SocketsHttpHandler { AllowAutoRedirect = false });
        return new HttpClient(handler) { BaseAddress = bedrock.Endpoint };
    }

    public static HttpClient Bearer(LocalBedrock bedrock, string token)
    {
        var client = new HttpClient { BaseAddress = bedrock.Endpoint };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static string RuntimePath(string modelId, string operation) => $"model/{Uri.EscapeDataString(modelId)}/{operation}";

    public static HttpRequestMessage Converse(string modelId, string userText, string operation = "converse-stream")
    {
        var body = JsonSerializer.Serialize(new
        {
            messages = new[] { new { role = "user", content = new[] { new { text = userText } } } },
        });
        return new HttpRequestMessage(HttpMethod.Post, RuntimePath(modelId, operation))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
    }

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request) =>
        await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

    /// <summary>Reads frames until the end of the body; an error while reading propagates after the frames read so far are kept.</summary>
    public static async Task<List<ReceivedFrame>> ReadFramesAsync(HttpResponseMessage response, List<ReceivedFrame>? into = null)
    {
        var frames = into ?? [];
        await using var reader = new EventStreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadNextAsync())
        {
            frames.Add(new ReceivedFrame(
                reader.MessageType, reader.EventType, reader.ExceptionType, reader.ErrorCode, reader.ErrorMessage,
                Encoding.UTF8.GetString(reader.Payload.Span)));
        }

        return frames;
    }

    public static string ErrorType(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.Single().Split(':')[0] : "";

    public static async Task<string> ErrorMessageAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("message").GetString()!;
    }
}

internal sealed record ReceivedFrame(
    string? MessageType, string? EventType, string? ExceptionType, string? ErrorCode, string? ErrorMessage, string Payload)
{
    public JsonElement Json => JsonDocument.Parse(Payload).RootElement;
}
