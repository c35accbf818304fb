using Clawdbot.Sdk.Testing;
using Microsoft.Extensions.AI;

namespace Clawdbot.Sdk.Tests.ChatClient;

/// <summary>What a chat call returns, from scripted replies, streamed and not.</summary>
public sealed class ChatResponseMappingTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Text_usage_ids_and_finish_reason_are_mapped(bool streaming)
    {
        var model = new ModelDefinition { Id = ChatHarness.ModelId, Name = "Haiku", Cost = new ModelCost(1m, 2m, 0.5m, 4m) };
        await using var harness = await ChatHarness.StartAsync(model);
        harness.Bedrock.Enqueue(Script.Stream().Text("Hello", " world").Usage(input: 10, output: 5, cacheRead: 3, cacheWrite: 2));

        var response = await GetAsync(harness.Chat, [new ChatMessage(ChatRole.User, "Hi")], null, streaming);

        Assert.Equal("Hello world", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(ChatHarness.ModelId, response.ModelId);
        Assert.StartsWith("00000000-0000-4000-8000-", response.ResponseId);
        Assert.Equal(response.ResponseId, Assert.Single(response.Messages).MessageId);
        var usage = Assert.IsType<UsageDetails>(response.Usage);
        Assert.Equal(10, usage.InputTokenCount);
        Assert.Equal(5, usage.OutputTokenCount);
        Assert.Equal(3, usage.CachedInputTokenCount);
        Assert.Equal(3, usage.AdditionalCounts![BedrockChatUsage.CacheReadInputTokensKey]);
        Assert.Equal(2, usage.AdditionalCounts[BedrockChatUsage.CacheWriteInputTokensKey]);
        // ToChatResponse keeps update properties on the message, a non-streamed response on the response.
        var properties = streaming ? response.Messages[0].AdditionalProperties : response.AdditionalProperties;
        Assert.Equal((10 * 1m + 5 * 2m + 3 * 0.5m + 2 * 4m) / 1_000_000m, properties![BedrockChatUsage.CostUsdKey]);
    }

    [Fact]
    public async Task Streaming_yields_one_update_per_delta_and_the_usage_last()
    {
        await using var harness = await ChatHarness.StartAsync();
        harness.Bedrock.Enqueue(Script.Stream().Reasoning("Hmm", signature: "sig-1").Text("A", "B").ToolUse("t1", "f", "{\"x\":1}", chunks: 2).Usage(4, 3));

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in harness.Chat.GetStreamingResponseAsync("Hi"))
        {
            updates.Add(update);
        }

        Assert.Collection(updates,
            u => Assert.Equal("Hmm", Assert.IsType<TextReasoningContent>(Assert.Single(u.Contents)).Text),
            u => Assert.Equal("sig-1", Assert.IsType<TextReasoningContent>(Assert.Single(u.Contents)).ProtectedData),
            u => Assert.Equal("A", u.Text),
            u => Assert.Equal("B", u.Text),
            u =>
            {
                var call = Assert.IsType<FunctionCallContent>(Assert.Single(u.Contents));
                Assert.Equal("t1", call.CallId);
                Assert.Equal(1, ((System.Text.Json.JsonElement)call.Arguments!["x"]!).GetInt32());
            },
            u =>
            {
                Assert.Equal(ChatFinishReason.ToolCalls, u.FinishReason);
                Assert.Equal(4, Assert.IsType<UsageContent>(Assert.Single(u.Contents)).Details.InputTokenCount);
            });
        Assert.All(updates, u => Assert.Equal(ChatRole.Assistant, u.Role));
        Assert.All(updates, u => Assert.Equal(updates[0].ResponseId, u.MessageId));
        Assert.NotNull(updates[0].ResponseId);
    }

    [Theory]
    [InlineData("end_turn", "stop")]
    [InlineData("stop_sequence", "stop")]
    [InlineData("max_tokens", "length")]
    [InlineData("tool_use", "tool_calls")]
    [InlineData("content_filtered", "content_filter")]
    [InlineData("guardrail_intervened", "content_filter")]
    [InlineData("something_new", "something_new")]
    public async Task Stop_reasons_map_to_finish_reasons(string stopReason, string finishReason)
    {
        await using var harness = await ChatHarness.StartAsync();
        harness.Bedrock.Enqueue(Script.Stream().Text("x").Stop(stopReason));

        var response = await harness.Chat.GetResponseAsync("Hi");

        Assert.Equal(finishReason, response.FinishReason?.Value);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Reasoning_and_its_signature_round_trip_into_the_next_turn(bool streaming)
    {
        var model = new ModelDefinition { Id = "anthropic.claude-sonnet-4-20250514-v1:0", Name = "Sonnet 4", Reasoning = true };
        await using var harness = await ChatHarness.StartAsync(model, model.Id);
        byte[] redacted = [1, 2, 3, 250];
        harness.Bedrock.Enqueue(Script.Stream().Reasoning("Let me think about it.", signature: "c2lnbmF0dXJl", chunks: 3).RedactedReasoning(redacted).Text("42"));
        harness.Bedrock.Enqueue(Script.Stream().Text("Sure."));
        List<ChatMessage> history = [new(ChatRole.User, "Question?")];

        var first = await GetAsync(harness.Chat, history, null, streaming);
        var reasoning = first.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>().ToList();
        Assert.Equal("Let me think about it.", reasoning[0].Text);
        Assert.Equal("c2lnbmF0dXJl", reasoning[0].ProtectedData);
        Assert.Equal(Convert.ToBase64String(redacted), reasoning[1].ProtectedData);
        Assert.Equal("42", first.Text);

        history.AddRange(first.Messages);
        history.Add(new ChatMessage(ChatRole.User, "Again?"));
        await GetAsync(harness.Chat, history, null, streaming);

        var assistant = harness.Body(1).GetProperty("messages")[1];
        Assert.Equal("assistant", assistant.GetProperty("role").GetString());
        var content = assistant.GetProperty("content");
        var text = content[0].GetProperty("reasoningContent").GetProperty("reasoningText");
        Assert.Equal("Let me think about it.", text.GetProperty("text").GetString());
        Assert.Equal("c2lnbmF0dXJl", text.GetProperty("signature").GetString());
        Assert.Equal(redacted, content[1].GetProperty("reasoningContent").GetProperty("redactedContent").GetBytesFromBase64());
        Assert.Equal("42", content[2].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Reasoning_rebuilt_from_plain_contents_keeps_the_signature()
    {
        await using var harness = await ChatHarness.StartAsync();
        List<ChatMessage> history =
        [
            new(ChatRole.User, "Q"),
            new(ChatRole.Assistant, [new TextReasoningContent("thought") { ProtectedData = "sig" }, new TextContent("A")]),
            new(ChatRole.User, "Q2"),
        ];

        await harness.Chat.GetResponseAsync(history);

        var reasoning = harness.Body().GetProperty("messages")[1].GetProperty("content")[0].GetProperty("reasoningContent").GetProperty("reasoningText");
        Assert.Equal("thought", reasoning.GetProperty("text").GetString());
        Assert.Equal("sig", reasoning.GetProperty("signature").GetString());
    }

    [Fact]
    public async Task Service_errors_stay_BedrockException()
    {
        await using var harness = await ChatHarness.StartAsync();
        harness.Bedrock.Enqueue(Script.HttpError(400, "ValidationException", "Bad input"));
        harness.Bedrock.Enqueue(Script.Stream().Text("partial").ThenException("modelStreamErrorException", "Model broke"));

        var converse = await Assert.ThrowsAsync<BedrockException>(() => harness.Chat.GetResponseAsync("Hi"));
        var stream = await Assert.ThrowsAsync<BedrockException>(async () =>
        {
            await foreach (var _ in harness.Chat.GetStreamingResponseAsync("Hi"))
            {
            }
        });

        Assert.Equal(BedrockErrorKind.Validation, converse.Kind);
        Assert.Equal(BedrockErrorKind.ModelStreamError, stream.Kind);
    }

    [Fact]
    public async Task GetService_returns_metadata_the_client_and_itself()
    {
        await using var harness = await ChatHarness.StartAsync();
        IChatClient chat = harness.Chat;

        var metadata = chat.GetService<ChatClientMetadata>();

        Assert.Equal("aws.bedrock", metadata?.ProviderName);
        Assert.Equal(harness.Client.RuntimeEndpoint, metadata?.ProviderUri);
        Assert.Equal(ChatHarness.ModelId, metadata?.DefaultModelId);
        Assert.Same(harness.Client, chat.GetService<BedrockClient>());
        Assert.Same(chat, chat.GetService<BedrockChatClient>());
        Assert.Null(chat.GetService<BedrockClient>("key"));
        Assert.Same(harness.Client, new ChatClientBuilder(chat).UseFunctionInvocation().Build().GetService<BedrockClient>());
    }

    private static async Task<ChatResponse> GetAsync(IChatClient chat, IEnumerable<ChatMessage> messages, ChatOptions? options, bool streaming)
        => streaming
            ? await chat.GetStreamingResponseAsync(messages, options).ToChatResponseAsync()
            : await chat.GetResponseAsync(messages, options);
}
