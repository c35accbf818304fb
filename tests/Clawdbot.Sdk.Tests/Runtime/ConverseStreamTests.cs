using System.Net;
using System.Text.Json;
using Clawdbot.Sdk.Testing;
using Xunit;
using static Clawdbot.Sdk.Tests.Runtime.RuntimeTestSupport;

namespace Clawdbot.Sdk.Tests.Runtime;

public sealed class ConverseStreamTests
{
    [Theory]
    [InlineData("anthropic.claude-3-haiku-20240307-v1:0")]
    [InlineData("us.anthropic.claude-sonnet-4-5-20250929-v1:0")]
    [InlineData("arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-opus-4-6-v1")]
    public async Task SigV4SignedStreamIsAcceptedForIdsWithColonsAndSlashes(string modelId)
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.Stream().Text("Hello", " world").Usage(3, 2));
        using var client = Client(bedrock);

        var result = await client.ConverseStreamAsync(Request(modelId)).ToResultAsync();

        Assert.Equal("Hello world", result.Text);
        Assert.Equal(StopReason.EndTurn, result.StopReason);
        Assert.Equal(modelId, result.ModelId);
        var recorded = Assert.Single(bedrock.Requests);
        Assert.Equal(RequestAuthKind.SigV4, recorded.AuthKind);
        Assert.Equal("ConverseStream", recorded.Operation);
        Assert.Equal(modelId, recorded.ModelId);
        Assert.Equal("/model/" + Uri.EscapeDataString(modelId) + "/converse-stream", recorded.RawPath);
    }

    [Fact]
    public async Task BearerTokenFromEnvironmentIsSentWithoutSigV4()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var options = Options(Environment(("AWS_BEARER_TOKEN_BEDROCK", bedrock.BearerToken), ("AWS_ACCESS_KEY_ID", "AKIDIGNORED"), ("AWS_SECRET_ACCESS_KEY", "ignored")));
        options.Endpoint = bedrock.Endpoint;
        options.Region = bedrock.Region;
        using var client = new BedrockClient(options);

        var result = await client.ConverseStreamAsync(Request()).ToResultAsync();

        Assert.True(result.IsComplete);
        Assert.Equal(RequestAuthKind.Bearer, Assert.Single(bedrock.Requests).AuthKind);
        Assert.Equal("env: AWS_BEARER_TOKEN_BEDROCK", await client.GetCredentialSourceAsync());
    }

    [Fact]
    public async Task WrongSecretIsRejectedAsInvalidSignatureWithoutLeakingIt()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        const string canary = "CANARY-secret-5f1e2d";
        using var client = Client(bedrock, o => o.Credentials = new Amazon.Runtime.BasicAWSCredentials(bedrock.AccessKeyId, canary));

        var error = await Assert.ThrowsAsync<BedrockException>(() => client.ConverseStreamAsync(Request()).ToResultAsync());

        Assert.Equal(BedrockErrorKind.InvalidSignature, error.Kind);
        Assert.Equal(403, error.StatusCode);
        Assert.False(error.IsRetryable);
        Assert.DoesNotContain(canary, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(canary, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TypedUpdatesArriveInOrderWithToolInputParsedAndCost()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.Stream()
            .Reasoning("Let me think.", signature: "sig-abc==", chunks: 3)
            .Text("Checking")
            .ToolUse("tool-1", "get_weather", "{\"city\":\"Paris\",\"days\":[1,2]}", chunks: 4)
            .Usage(input: 1000, output: 500, cacheRead: 200, cacheWrite: 100)
            .Latency(321));
        using var client = Client(bedrock);
        var request = Request();
        request.Model = new ModelDefinition { Id = request.ModelId, Name = "m", Cost = new ModelCost(3m, 15m, 0.3m, 3.75m) };

        var updates = await CollectAsync(client.ConverseStreamAsync(request));

        Assert.IsType<MessageStart>(updates[0]);
        Assert.Equal(request.ModelId, ((MessageStart)updates[0]).ModelId);
        Assert.Equal("Let me think.", string.Concat(updates.OfType<ReasoningDelta>().Select(r => r.Text)));
        Assert.Equal("sig-abc==", updates.OfType<ReasoningDelta>().Single(r => r.Signature is not null).Signature);
        var start = Assert.Single(updates.OfType<ToolUseStart>());
        Assert.Equal(("tool-1", "get_weather", 2), (start.ToolUseId, start.Name, start.Index));
        Assert.Equal(4, updates.OfType<ToolUseInputDelta>().Count());
        var complete = Assert.Single(updates.OfType<ToolUseComplete>());
        Assert.True(complete.IsValid);
        Assert.Equal("Paris", complete.Input.GetProperty("city").GetString());
        Assert.Equal(StopReason.ToolUse, Assert.Single(updates.OfType<MessageStop>()).StopReason);
        var usage = Assert.Single(updates.OfType<UsageUpdate>()).Usage;
        Assert.Equal((1000, 500, 200, 100), (usage.InputTokens, usage.OutputTokens, usage.CacheReadInputTokens, usage.CacheWriteInputTokens));
        Assert.Equal(((1000 * 3m) + (500 * 15m) + (200 * 0.3m) + (100 * 3.75m)) / 1_000_000m, usage.CostUsd);
        Assert.Equal(321, Assert.Single(updates.OfType<MetricsUpdate>()).LatencyMs);
    }

    [Fact]
    public async Task AggregatedResultKeepsReasoningSignatureRedactedBytesAndToolInput()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var redacted = new byte[] { 0, 1, 2, 250, 251, 255, 42 };
        bedrock.Enqueue(Script.Stream()
            .Reasoning("step one, step two", signature: "EqQBCkYIARgCIkD/+=", chunks: 5)
            .RedactedReasoning(redacted)
            .Text("Answer")
            .ToolUse("t9", "calc", "{\"x\":1}", chunks: 2));
        using var client = Client(bedrock);

        var result = await client.ConverseStreamAsync(Request()).ToResultAsync();

        Assert.Equal(ConversationRole.Assistant, result.Message.Role);
        var blocks = result.Message.Content;
        var reasoning = Assert.IsType<ReasoningBlock>(blocks[0]);
        Assert.Equal("step one, step two", reasoning.Text);
        Assert.Equal("EqQBCkYIARgCIkD/+=", reasoning.Signature);
        var hidden = Assert.IsType<ReasoningBlock>(blocks[1]);
        Assert.Equal(redacted, hidden.RedactedContent!.Value.ToArray());
        Assert.Equal("Answer", Assert.IsType<TextBlock>(blocks[2]).Text);
        var tool = Assert.IsType<ToolUseBlock>(blocks[3]);
        Assert.Equal(1, tool.Input.GetProperty("x").GetInt32());
        Assert.NotNull(result.RequestId);

        // The assembled message goes back unchanged in the next turn.
        var next = Request();
        next.Messages.Add(result.Message);
        next.Messages.Add(new Message(ConversationRole.User, [ToolResultBlock.FromText("t9", "2")]));
        bedrock.Enqueue(Script.Stream().Text("ok"));
        await client.ConverseStreamAsync(next).ToResultAsync();
        using var sent = JsonDocument.Parse(bedrock.Requests[^1].Body);
        var assistant = sent.RootElement.GetProperty("messages")[1].GetProperty("content");
        Assert.Equal("EqQBCkYIARgCIkD/+=", assistant[0].GetProperty("reasoningContent").GetProperty("reasoningText").GetProperty("signature").GetString());
        Assert.Equal(Convert.ToBase64String(redacted), assistant[1].GetProperty("reasoningContent").GetProperty("redactedContent").GetString());
    }

    [Fact]
    public async Task InvalidToolInputIsAttachedNotThrown()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.Stream().ToolUse("t1", "broken", "{\"a\": tru", chunks: 2));
        using var client = Client(bedrock);

        var updates = await CollectAsync(client.ConverseStreamAsync(Request()));

        var complete = Assert.Single(updates.OfType<ToolUseComplete>());
        Assert.False(complete.IsValid);
        Assert.Equal("{\"a\": tru", complete.RawInput);
        Assert.NotNull(complete.ParseError);
    }

    [Fact]
    public async Task CitationAndUnknownEventsAreHandled()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.Stream()
            .Text("Paris is the capital.")
            .Event("someFutureEvent", "{\"x\":1}")
            .Event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"citation\":{\"title\":\"Atlas\",\"sourceContent\":[{\"text\":\"Paris, capital of France\"}],\"location\":{}}}}"));
        using var client = Client(bedrock);

        var updates = await CollectAsync(client.ConverseStreamAsync(Request()));

        var citation = Assert.Single(updates.OfType<CitationDelta>()).Citation;
        Assert.Equal("Atlas", citation.Title);
        Assert.Equal(["Paris, capital of France"], citation.SourceTexts);
    }

    [Fact]
    public async Task WorksOverHttp2()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.Stream().Text("two"));
        using var client = Client(bedrock, o =>
        {
            o.Endpoint = bedrock.Http2Endpoint;
            o.HttpVersion = HttpVersion.Version20;
            o.HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        });

        var result = await client.ConverseStreamAsync(Request()).ToResultAsync();

        Assert.Equal("two", result.Text);
        Assert.Equal("HTTP/2", Assert.Single(bedrock.Requests).Protocol);
    }

    [Fact]
    public async Task WorksOverHttp11()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.Stream().Text("one"));
        using var client = Client(bedrock, o =>
        {
            o.HttpVersion = HttpVersion.Version11;
            o.HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        });

        Assert.Equal("one", (await client.ConverseStreamAsync(Request()).ToResultAsync()).Text);
        Assert.Equal("HTTP/1.1", Assert.Single(bedrock.Requests).Protocol);
    }

    [Fact]
    public async Task ConverseUsesTheConverseOperation()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.Stream().Reasoning("hmm", signature: "s1").Text("Done").Usage(10, 4));
        using var client = Client(bedrock);
        var request = Request("us.anthropic.claude-sonnet-4-5-20250929-v1:0");
        request.Model = new ModelDefinition { Id = request.ModelId, Name = "m", Cost = new ModelCost(1m, 2m, 0m, 0m) };

        var result = await client.ConverseAsync(request);

        Assert.Equal("Done", result.Text);
        Assert.Equal("s1", Assert.IsType<ReasoningBlock>(result.Message.Content[0]).Signature);
        Assert.Equal((10 * 1m + 4 * 2m) / 1_000_000m, result.Usage!.CostUsd);
        Assert.Equal("Converse", Assert.Single(bedrock.Requests).Operation);
    }
}
