using System.Text.Json;
using Clawdbot.Sdk.Testing;

namespace Clawdbot.Sdk.Tests.Emulator;

/// <summary>
/// LocalBedrock as the official AWS SDK for JavaScript sees it (<c>@aws-sdk/client-bedrock-runtime</c> and
/// <c>@aws-sdk/client-bedrock</c>, default client settings: h2c for the runtime client, HTTP/1.1 for the control
/// plane, standard retries), pointed at <see cref="LocalBedrock.Endpoint"/> with the emulator's own keys.
/// </summary>
public sealed class JavaScriptSdkInteropTests(JavaScriptSdk js) : IClassFixture<JavaScriptSdk>
{
    private const string Haiku = "anthropic.claude-3-haiku-20240307-v1:0";
    private const string OpusProfile = "us.anthropic.claude-opus-4-5-20251101-v1:0";

    [Fact]
    public async Task ConverseStream_delivers_reasoning_text_and_tool_use_deltas_then_stop_and_usage()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.Stream()
            .Reasoning("Let me check the weather.", signature: "sig-123", chunks: 2)
            .Text("Hello", ", ", "world")
            .ToolUse("tooluse_1", "get_weather", """{"city":"Paris","unit":"C"}""", chunks: 3)
            .Usage(input: 12, output: 7, cacheRead: 3, cacheWrite: 1)
            .Latency(250));

        var run = await js.RunAsync(bedrock, JsAuth.SigV4(bedrock), "converse-stream", "--model", OpusProfile);

        Assert.False(run.Has("error"), run.ToString());
        var request = Assert.Single(bedrock.Requests);
        var metadata = run.Single("metadata");
        Assert.Equal(200, metadata.GetProperty("httpStatusCode").GetInt32());
        Assert.Equal(request.RequestId, metadata.GetProperty("requestId").GetString());
        Assert.Equal(RequestAuthKind.SigV4, request.AuthKind);
        Assert.Equal("HTTP/2", request.Protocol);
        Assert.Equal(OpusProfile, request.ModelId);

        var events = run.Events;
        Assert.Equal(
            ["messageStart", "contentBlockDelta", "contentBlockDelta", "contentBlockDelta", "contentBlockStop",
             "contentBlockDelta", "contentBlockDelta", "contentBlockDelta", "contentBlockStop",
             "contentBlockStart", "contentBlockDelta", "contentBlockDelta", "contentBlockDelta", "contentBlockStop",
             "messageStop", "metadata"],
            events.Select(e => e.Name));
        Assert.Equal("assistant", events[0].Data.GetProperty("role").GetString());

        var deltas = events.Where(e => e.Name == "contentBlockDelta").Select(e => e.Data).ToList();
        Assert.Equal("Let me check the weather.", string.Concat(deltas
            .Where(d => d.GetProperty("delta").TryGetProperty("reasoningContent", out var r) && r.TryGetProperty("text", out _))
            .Select(d => d.GetProperty("delta").GetProperty("reasoningContent").GetProperty("text").GetString())));
        Assert.Equal("sig-123", deltas
            .Select(d => d.GetProperty("delta"))
            .Single(d => d.TryGetProperty("reasoningContent", out var r) && r.TryGetProperty("signature", out _))
            .GetProperty("reasoningContent").GetProperty("signature").GetString());
        Assert.Equal(["Hello", ", ", "world"], deltas
            .Where(d => d.GetProperty("delta").TryGetProperty("text", out _))
            .Select(d => d.GetProperty("delta").GetProperty("text").GetString()));
        Assert.All(deltas.Where(d => d.GetProperty("delta").TryGetProperty("text", out _)),
            d => Assert.Equal(1, d.GetProperty("contentBlockIndex").GetInt32()));

        var toolStart = events.Single(e => e.Name == "contentBlockStart").Data;
        Assert.Equal(2, toolStart.GetProperty("contentBlockIndex").GetInt32());
        Assert.Equal("tooluse_1", toolStart.GetProperty("start").GetProperty("toolUse").GetProperty("toolUseId").GetString());
        Assert.Equal("get_weather", toolStart.GetProperty("start").GetProperty("toolUse").GetProperty("name").GetString());
        var toolInput = string.Concat(deltas
            .Where(d => d.GetProperty("delta").TryGetProperty("toolUse", out _))
            .Select(d => d.GetProperty("delta").GetProperty("toolUse").GetProperty("input").GetString()));
        Assert.Equal("""{"city":"Paris","unit":"C"}""", toolInput);

        Assert.Equal("tool_use", events[^2].Data.GetProperty("stopReason").GetString());
        var usage = events[^1].Data.GetProperty("usage");
        Assert.Equal((12, 7, 23, 3, 1), (
            usage.GetProperty("inputTokens").GetInt32(), usage.GetProperty("outputTokens").GetInt32(),
            usage.GetProperty("totalTokens").GetInt32(), usage.GetProperty("cacheReadInputTokens").GetInt32(),
            usage.GetProperty("cacheWriteInputTokens").GetInt32()));
        Assert.Equal(250, events[^1].Data.GetProperty("metrics").GetProperty("latencyMs").GetInt64());
        Assert.True(run.Has("end"), run.ToString());
    }

    [Fact]
    public async Task Converse_returns_the_output_message_stop_reason_and_usage()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.Stream()
            .Reasoning("Short answer.", signature: "sig-9")
            .Text("Paris is the capital", " of France.")
            .Usage(input: 9, output: 6)
            .Stop("max_tokens"));

        var run = await js.RunAsync(bedrock, JsAuth.SigV4(bedrock), "converse", "--model", OpusProfile, "--text", "Capital of France?");

        Assert.False(run.Has("error"), run.ToString());
        var request = Assert.Single(bedrock.Requests);
        Assert.Equal("Converse", request.Operation);
        Assert.Equal(request.RequestId, run.Single("metadata").GetProperty("requestId").GetString());
        Assert.Contains("Capital of France?", request.Body, StringComparison.Ordinal);

        var body = run.Single("response").GetProperty("body");
        var message = body.GetProperty("output").GetProperty("message");
        Assert.Equal("assistant", message.GetProperty("role").GetString());
        var content = message.GetProperty("content").EnumerateArray().ToList();
        Assert.Equal(2, content.Count);
        var reasoning = content[0].GetProperty("reasoningContent").GetProperty("reasoningText");
        Assert.Equal(("Short answer.", "sig-9"), (reasoning.GetProperty("text").GetString(), reasoning.GetProperty("signature").GetString()));
        Assert.Equal("Paris is the capital of France.", content[1].GetProperty("text").GetString());
        Assert.Equal("max_tokens", body.GetProperty("stopReason").GetString());
        var usage = body.GetProperty("usage");
        Assert.Equal((9, 6, 15), (usage.GetProperty("inputTokens").GetInt32(), usage.GetProperty("outputTokens").GetInt32(), usage.GetProperty("totalTokens").GetInt32()));
        Assert.Equal(120, body.GetProperty("metrics").GetProperty("latencyMs").GetInt64());
    }

    [Fact]
    public async Task Converse_returns_a_tool_call_with_its_input_as_a_document()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.Stream().Text("Checking.").ToolUse("tooluse_7", "get_weather", """{"city":"Oslo","days":[1,2]}""", chunks: 2));

        var run = await js.RunAsync(bedrock, JsAuth.SigV4(bedrock), "converse", "--model", OpusProfile);

        Assert.False(run.Has("error"), run.ToString());
        var body = run.Single("response").GetProperty("body");
        var toolUse = body.GetProperty("output").GetProperty("message").GetProperty("content")[1].GetProperty("toolUse");
        Assert.Equal(("tooluse_7", "get_weather"), (toolUse.GetProperty("toolUseId").GetString(), toolUse.GetProperty("name").GetString()));
        Assert.Equal("Oslo", toolUse.GetProperty("input").GetProperty("city").GetString());
        Assert.Equal([1, 2], toolUse.GetProperty("input").GetProperty("days").EnumerateArray().Select(day => day.GetInt32()));
        Assert.Equal("tool_use", body.GetProperty("stopReason").GetString());
    }

    [Theory]
    [InlineData("converse-stream", Haiku)]
    [InlineData("converse", Haiku)]
    [InlineData("converse-stream", "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-opus-4-5-20251101-v1:0")]
    [InlineData("converse", "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6")]
    public async Task Model_ids_with_colons_and_slashes_arrive_whole(string operation, string modelId)
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.Stream().Text("Routed to ", "the right model."), modelId);

        var run = await js.RunAsync(bedrock, JsAuth.SigV4(bedrock), operation, "--model", modelId);

        Assert.False(run.Has("error"), run.ToString());
        var request = Assert.Single(bedrock.Requests);
        Assert.Equal(modelId, request.ModelId);
        Assert.Equal(0, bedrock.PendingScriptCount);
        Assert.Equal($"/model/{Uri.EscapeDataString(modelId)}/{operation}", request.RawPath);
        var text = operation == "converse"
            ? run.Single("response").GetProperty("body").GetProperty("output").GetProperty("message").GetProperty("content")[0].GetProperty("text").GetString()
            : string.Concat(run.Events.Where(e => e.Name == "contentBlockDelta").Select(e => e.Data.GetProperty("delta").GetProperty("text").GetString()));
        Assert.Equal("Routed to the right model.", text);
    }

    [Fact]
    public async Task ListFoundationModels_filters_by_provider()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var expected = bedrock.Catalog.FoundationModels.Where(m => m.ProviderName == "Anthropic").ToList();

        var run = await js.RunAsync(bedrock, JsAuth.SigV4(bedrock), "list-foundation-models", "--by-provider", "Anthropic");

        Assert.False(run.Has("error"), run.ToString());
        var request = Assert.Single(bedrock.Requests);
        Assert.Equal(("ListFoundationModels", "?byProvider=Anthropic", "HTTP/1.1"), (request.Operation, request.Query, request.Protocol));
        Assert.Equal(request.RequestId, run.Single("metadata").GetProperty("requestId").GetString());
        var summaries = run.Single("response").GetProperty("body").GetProperty("modelSummaries").EnumerateArray().ToList();
        Assert.Equal(expected.Select(m => m.ModelId), summaries.Select(s => s.GetProperty("modelId").GetString()));
        Assert.All(summaries, s => Assert.Equal("Anthropic", s.GetProperty("providerName").GetString()));
        var opus = summaries[0];
        Assert.Equal("arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-opus-4-5-20251101-v1:0", opus.GetProperty("modelArn").GetString());
        Assert.Equal(["INFERENCE_PROFILE"], opus.GetProperty("inferenceTypesSupported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["TEXT", "IMAGE"], opus.GetProperty("inputModalities").EnumerateArray().Select(e => e.GetString()));
        Assert.True(opus.GetProperty("responseStreamingSupported").GetBoolean());
        Assert.Equal("ACTIVE", opus.GetProperty("modelLifecycle").GetProperty("status").GetString());
        Assert.Equal("LEGACY", summaries[^1].GetProperty("modelLifecycle").GetProperty("status").GetString());
    }

    [Fact]
    public async Task ListInferenceProfiles_paginator_lists_every_profile_exactly_once()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var expected = bedrock.Catalog.InferenceProfiles.Select(p => p.InferenceProfileId).ToList();
        Assert.Equal(11, expected.Count);

        var run = await js.RunAsync(bedrock, JsAuth.SigV4(bedrock), "list-inference-profiles", "--page-size", "4");

        Assert.False(run.Has("error"), run.ToString());
        var pages = run.OfKind("page").Select(line => line.GetProperty("body")).ToList();
        Assert.Equal([4, 4, 3], pages.Select(page => page.GetProperty("inferenceProfileSummaries").GetArrayLength()));
        Assert.True(pages[0].TryGetProperty("nextToken", out _) && pages[1].TryGetProperty("nextToken", out _), run.ToString());
        Assert.False(pages[2].TryGetProperty("nextToken", out _), run.ToString());
        var listed = pages.SelectMany(page => page.GetProperty("inferenceProfileSummaries").EnumerateArray()).ToList();
        Assert.Equal(expected, listed.Select(s => s.GetProperty("inferenceProfileId").GetString()));
        Assert.Equal(3, bedrock.ListInferenceProfilesCallCount);
        Assert.Equal("?maxResults=4", bedrock.Requests[0].Query);
        Assert.All(bedrock.Requests.Skip(1), r => Assert.StartsWith("?maxResults=4&nextToken=", r.Query, StringComparison.Ordinal));

        var first = listed[0];
        Assert.Equal("US Claude Opus 4.5", first.GetProperty("inferenceProfileName").GetString());
        Assert.Equal($"arn:aws:bedrock:us-east-1:123456789012:inference-profile/{OpusProfile}", first.GetProperty("inferenceProfileArn").GetString());
        Assert.Equal(("ACTIVE", "SYSTEM_DEFINED"), (first.GetProperty("status").GetString(), first.GetProperty("type").GetString()));
        Assert.Equal(3, first.GetProperty("models").GetArrayLength());
        Assert.Equal("2024-08-26T18:00:00.000Z", first.GetProperty("createdAt").GetProperty("$date").GetString());
        Assert.Equal("2024-08-26T18:00:00.000Z", first.GetProperty("updatedAt").GetProperty("$date").GetString());
    }

    [Fact]
    public async Task ListInferenceProfiles_refuses_a_page_size_over_1000_as_ValidationException()
    {
        await using var bedrock = await LocalBedrock.StartAsync();

        var run = await js.RunAsync(bedrock, JsAuth.SigV4(bedrock), "list-inference-profiles", "--page-size", "1001");

        Assert.False(run.Has("page"), run.ToString());
        var error = run.Single("error");
        Assert.Equal(("ValidationException", 400, "client"),
            (error.GetProperty("name").GetString(), error.GetProperty("httpStatusCode").GetInt32(), error.GetProperty("fault").GetString()));
        Assert.Contains("'maxResults' failed to satisfy constraint", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(Assert.Single(bedrock.Requests).RequestId, error.GetProperty("requestId").GetString());
    }

    /// <summary>
    /// Each attempt the SDK makes gets the scripted error (throttling and 5xx errors are retried, 3 attempts in all by
    /// default), so the error it throws is the emulator's and carries the last attempt's request id.
    /// </summary>
    [Theory]
    [InlineData("converse-stream", 429, "ThrottlingException", "Too many requests, please wait before trying again.", "client", 3)]
    [InlineData("converse", 429, "ThrottlingException", "Too many tokens, please wait before trying again.", "client", 3)]
    [InlineData("converse-stream", 400, "ValidationException", "The model returned the following errors: messages: text content blocks must be non-empty", "client", 1)]
    [InlineData("converse", 403, "AccessDeniedException", "You don't have access to the model with the specified model ID.", "client", 1)]
    [InlineData("converse-stream", 404, "ResourceNotFoundException", "Model not found.", "client", 1)]
    [InlineData("converse-stream", 408, "ModelTimeoutException", "Model has timed out in processing the request.", "client", 1)]
    [InlineData("converse", 424, "ModelErrorException", "Received error from the model.", "client", 1)]
    [InlineData("converse-stream", 503, "ServiceUnavailableException", "Bedrock is unable to process your request.", "server", 3)]
    [InlineData("converse", 500, "InternalServerException", "The server encountered an internal error.", "server", 3)]
    public async Task Http_errors_reach_the_SDK_as_their_modeled_exception(
        string operation, int status, string errorType, string message, string fault, int attempts)
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            bedrock.Enqueue(Script.HttpError(status, errorType, message));
        }

        var run = await js.RunAsync(bedrock, JsAuth.SigV4(bedrock), operation, "--model", OpusProfile);

        var error = run.Single("error");
        Assert.Equal(errorType, error.GetProperty("name").GetString());
        Assert.Equal(status, error.GetProperty("httpStatusCode").GetInt32());
        Assert.Equal(message, error.GetProperty("message").GetString());
        Assert.Equal(fault, error.GetProperty("fault").GetString());
        Assert.Equal(attempts, error.GetProperty("attempts").GetInt32());
        Assert.Equal(attempts, bedrock.Requests.Count);
        Assert.Equal(bedrock.Requests[^1].RequestId, error.GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task A_model_served_only_through_inference_profiles_is_refused_by_its_bare_id()
    {
        await using var bedrock = await LocalBedrock.StartAsync();

        var run = await js.RunAsync(bedrock, JsAuth.SigV4(bedrock), "converse-stream", "--model", "anthropic.claude-opus-4-5-20251101-v1:0");

        var error = run.Single("error");
        Assert.Equal(("ValidationException", 400), (error.GetProperty("name").GetString(), error.GetProperty("httpStatusCode").GetInt32()));
        Assert.StartsWith("Invocation of model ID anthropic.claude-opus-4-5-20251101-v1:0 with on-demand throughput isn’t supported.",
            error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(Assert.Single(bedrock.Requests).RequestId, error.GetProperty("requestId").GetString());
    }

    [Theory]
    [InlineData("modelStreamErrorException", "ModelStreamErrorException", "client")]
    [InlineData("throttlingException", "ThrottlingException", "client")]
    [InlineData("validationException", "ValidationException", "client")]
    [InlineData("internalServerException", "InternalServerException", "server")]
    [InlineData("serviceUnavailableException", "ServiceUnavailableException", "server")]
    public async Task An_exception_frame_mid_stream_is_thrown_after_the_deltas_before_it(string exceptionType, string errorName, string fault)
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.Stream().Text("partial ", "answer").ThenException(exceptionType, "The stream broke off."));

        var run = await js.RunAsync(bedrock, JsAuth.SigV4(bedrock), "converse-stream", "--model", OpusProfile);

        Assert.Equal(["messageStart", "contentBlockDelta", "contentBlockDelta", "contentBlockStop"], run.Events.Select(e => e.Name));
        Assert.Equal("partial answer", string.Concat(run.Events.Where(e => e.Name == "contentBlockDelta")
            .Select(e => e.Data.GetProperty("delta").GetProperty("text").GetString())));
        var error = run.Single("error");
        Assert.Equal(errorName, error.GetProperty("name").GetString());
        Assert.Equal("The stream broke off.", error.GetProperty("message").GetString());
        Assert.Equal(fault, error.GetProperty("fault").GetString());
        Assert.Equal(run.Lines.Count - 1, Lines(run).IndexOf("error"));
        Assert.False(run.Has("end"), run.ToString());
        Assert.Single(bedrock.Requests);
    }

    [Fact]
    public async Task An_untyped_error_frame_mid_stream_is_thrown_with_its_error_code()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.Stream().Text("half").ThenError("InternalFailure", "Something went wrong."));

        var run = await js.RunAsync(bedrock, JsAuth.SigV4(bedrock), "converse-stream", "--model", OpusProfile);

        Assert.Equal(["messageStart", "contentBlockDelta", "contentBlockStop"], run.Events.Select(e => e.Name));
        var error = run.Single("error");
        Assert.Equal(("InternalFailure", "Something went wrong."), (error.GetProperty("name").GetString(), error.GetProperty("message").GetString()));
        Assert.False(run.Has("end"), run.ToString());
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_as_InvalidSignatureException()
    {
        await using var bedrock = await LocalBedrock.StartAsync();

        var run = await js.RunAsync(bedrock, JsAuth.Keys(bedrock.AccessKeyId, "not-the-emulator-secret"), "converse-stream", "--model", OpusProfile);

        var error = run.Single("error");
        Assert.Equal(("InvalidSignatureException", 403, "client"),
            (error.GetProperty("name").GetString(), error.GetProperty("httpStatusCode").GetInt32(), error.GetProperty("fault").GetString()));
        Assert.StartsWith("The request signature we calculated does not match the signature you provided.", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(bedrock.Requests[^1].RequestId, error.GetProperty("requestId").GetString());
        Assert.All(bedrock.Requests, r => Assert.Equal(RequestAuthKind.SigV4, r.AuthKind));
        Assert.Equal(0, bedrock.Requests.Count(r => r.Operation != "ConverseStream"));
    }

    [Fact]
    public async Task An_unknown_access_key_is_refused_as_UnrecognizedClientException()
    {
        await using var bedrock = await LocalBedrock.StartAsync();

        var run = await js.RunAsync(bedrock, JsAuth.Keys("AKIDNOTKNOWNHERE0000", bedrock.SecretAccessKey), "list-foundation-models");

        var error = run.Single("error");
        Assert.Equal(("UnrecognizedClientException", 403, "The security token included in the request is invalid."),
            (error.GetProperty("name").GetString(), error.GetProperty("httpStatusCode").GetInt32(), error.GetProperty("message").GetString()));
        Assert.Equal(bedrock.Requests[^1].RequestId, error.GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task A_bedrock_api_key_from_AWS_BEARER_TOKEN_BEDROCK_is_sent_as_a_bearer_token()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.Stream().Text("Signed ", "with a key.").Usage(input: 4, output: 3));

        var run = await js.RunAsync(bedrock, JsAuth.Bearer(bedrock.BearerToken), "converse-stream", "--model", Haiku);

        Assert.False(run.Has("error"), run.ToString());
        var request = Assert.Single(bedrock.Requests);
        Assert.Equal((RequestAuthKind.Bearer, Haiku), (request.AuthKind, request.ModelId));
        Assert.Equal("Signed with a key.", string.Concat(run.Events.Where(e => e.Name == "contentBlockDelta")
            .Select(e => e.Data.GetProperty("delta").GetProperty("text").GetString())));
        Assert.Equal("end_turn", run.Events.Single(e => e.Name == "messageStop").Data.GetProperty("stopReason").GetString());
        Assert.Equal(7, run.Events.Single(e => e.Name == "metadata").Data.GetProperty("usage").GetProperty("totalTokens").GetInt32());
    }

    [Fact]
    public async Task A_wrong_bedrock_api_key_is_refused_as_UnrecognizedClientException()
    {
        await using var bedrock = await LocalBedrock.StartAsync();

        var run = await js.RunAsync(bedrock, JsAuth.Bearer("not-the-emulator-token"), "converse", "--model", OpusProfile);

        var error = run.Single("error");
        Assert.Equal(("UnrecognizedClientException", 403, "client"),
            (error.GetProperty("name").GetString(), error.GetProperty("httpStatusCode").GetInt32(), error.GetProperty("fault").GetString()));
        Assert.Equal(RequestAuthKind.Bearer, Assert.Single(bedrock.Requests).AuthKind);
    }

    private static List<string> Lines(JsRun run) => run.Lines.Select(line => line.GetProperty("kind").GetString()!).ToList();
}
