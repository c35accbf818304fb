using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Clawdbot.Sdk.Testing;

namespace Clawdbot.Sdk.Tests.Runtime;

/// <summary><see cref="BedrockClient.EmbedAsync"/>: InvokeModel bodies per family, batching, usage, retries and errors.</summary>
public sealed class EmbeddingTests
{
    private const string Titan = "amazon.titan-embed-text-v2:0";
    private const string CohereEnglish = "cohere.embed-english-v3";
    private const string CohereV4Profile = "us.cohere.embed-v4:0";

    [Fact]
    public async Task Titan_embeds_each_text_in_a_call_of_its_own_with_the_requested_dimensions_and_sums_the_tokens()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = RuntimeTestSupport.Client(bedrock);
        string[] texts = ["first text", "the second, longer text", "third"];

        var result = await client.EmbedAsync(Titan, texts, new EmbeddingOptions { Dimensions = 256, Normalize = false });

        Assert.Equal(3, result.Embeddings.Count);
        Assert.All(result.Embeddings, vector => Assert.Equal(256, vector.Length));
        Assert.Equal(Titan, result.ModelId);
        var calls = bedrock.Requests.Where(r => r.Operation == "InvokeModel").ToList();
        Assert.Equal(3, calls.Count);
        Assert.All(calls, call => Assert.Equal("/model/" + Titan + "/invoke", call.Path));
        var bodies = calls.Select(call => JsonDocument.Parse(call.Body).RootElement).ToList();
        Assert.Equal(texts.Order(), bodies.Select(b => b.GetProperty("inputText").GetString()!).Order());
        Assert.All(bodies, body =>
        {
            Assert.Equal(256, body.GetProperty("dimensions").GetInt32());
            Assert.False(body.GetProperty("normalize").GetBoolean());
            Assert.Equal(3, body.EnumerateObject().Count());
        });
        // The emulator counts a token per four characters: 3 + 6 + 2.
        Assert.Equal(11, result.InputTokens);
        Assert.Equal(calls.Select(c => c.RequestId).Order(), result.RequestIds.Order());

        // Vectors come back in the order of the texts even though the calls run concurrently.
        for (var i = 0; i < texts.Length; i++)
        {
            var alone = await client.EmbedAsync(Titan, [texts[i]], new EmbeddingOptions { Dimensions = 256, Normalize = false });
            Assert.Equal(alone.Embeddings[0].ToArray(), result.Embeddings[i].ToArray());
        }
    }

    [Fact]
    public async Task Titan_sends_only_what_is_set_and_its_default_vectors_are_normalized()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = RuntimeTestSupport.Client(bedrock);

        var normalized = await client.EmbedAsync(Titan, ["hello"]);
        var raw = await client.EmbedAsync(Titan, ["hello"], new EmbeddingOptions { Normalize = false });

        Assert.Equal("{\"inputText\":\"hello\"}", bedrock.Requests[0].Body);
        Assert.Equal(1024, normalized.Embeddings[0].Length);
        Assert.Equal(1.0, Length(normalized.Embeddings[0]), 3);
        Assert.True(Length(raw.Embeddings[0]) > 2, "an unnormalized vector of values in [-1, 1] is longer than 1");
        Assert.Equal(2, normalized.InputTokens);
    }

    [Fact]
    public async Task Cohere_sends_96_texts_per_call_with_the_input_type_and_reads_the_token_header()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = RuntimeTestSupport.Client(bedrock);
        var texts = Enumerable.Range(0, 200).Select(i => "text number " + i).ToArray();

        var result = await client.EmbedAsync(CohereEnglish, texts, new EmbeddingOptions { InputType = EmbeddingInputType.SearchQuery });

        Assert.Equal(200, result.Embeddings.Count);
        Assert.All(result.Embeddings, vector => Assert.Equal(1024, vector.Length));
        var bodies = bedrock.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        Assert.Equal([8, 96, 96], bodies.Select(b => b.GetProperty("texts").GetArrayLength()).Order());
        Assert.All(bodies, body => Assert.Equal("search_query", body.GetProperty("input_type").GetString()));
        Assert.All(bodies, body => Assert.False(body.TryGetProperty("embedding_types", out _)));
        Assert.Equal(texts.Sum(t => (t.Length + 3) / 4), result.InputTokens);
        Assert.Equal(3, result.RequestIds.Count);

        var last = await client.EmbedAsync(CohereEnglish, [texts[199]], new EmbeddingOptions { InputType = EmbeddingInputType.SearchQuery });
        Assert.Equal(last.Embeddings[0].ToArray(), result.Embeddings[199].ToArray());
    }

    [Fact]
    public async Task Cohere_defaults_to_search_document_and_v4_through_a_profile_takes_output_dimension()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = RuntimeTestSupport.Client(bedrock);

        var v3 = await client.EmbedAsync("cohere.embed-multilingual-v3", ["bonjour"]);
        var v4 = await client.EmbedAsync(CohereV4Profile, ["hello", "world"], new EmbeddingOptions { Dimensions = 512 });

        Assert.Equal("search_document", JsonDocument.Parse(bedrock.Requests[0].Body).RootElement.GetProperty("input_type").GetString());
        Assert.Equal(1024, v3.Embeddings[0].Length);
        var body = JsonDocument.Parse(bedrock.Requests[1].Body).RootElement;
        Assert.Equal("/model/" + CohereV4Profile + "/invoke", bedrock.Requests[1].Path);
        Assert.Equal(512, body.GetProperty("output_dimension").GetInt32());
        Assert.Equal("float", body.GetProperty("embedding_types")[0].GetString());
        Assert.Equal(2, v4.Embeddings.Count);
        Assert.All(v4.Embeddings, vector => Assert.Equal(512, vector.Length));
        Assert.Equal(CohereV4Profile, v4.ModelId);
    }

    [Theory]
    [InlineData(Titan, 300, null, "256, 512, 1024")]
    [InlineData(CohereEnglish, 256, null, "1024")]
    [InlineData(CohereV4Profile, 2048, null, "256, 512, 1024, 1536")]
    [InlineData(CohereEnglish, null, true, "Titan Text Embeddings only")]
    public async Task Options_the_model_does_not_have_are_refused_before_any_call(string modelId, int? dimensions, bool? normalize, string expected)
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = RuntimeTestSupport.Client(bedrock);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.EmbedAsync(modelId, ["x"], new EmbeddingOptions { Dimensions = dimensions, Normalize = normalize }));

        Assert.Contains(expected, error.Message);
        Assert.Contains(modelId, error.Message);
        Assert.Empty(bedrock.Requests);
    }

    [Fact]
    public async Task An_unknown_model_a_null_text_and_no_texts_are_answered_without_a_call()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = RuntimeTestSupport.Client(bedrock);

        var unknown = await Assert.ThrowsAsync<NotSupportedException>(() => client.EmbedAsync("anthropic.claude-3-haiku-20240307-v1:0", ["x"]));
        var nullText = await Assert.ThrowsAsync<ArgumentException>(() => client.EmbedAsync(Titan, ["a", null!]));
        var none = await client.EmbedAsync(Titan, []);

        Assert.Contains("anthropic.claude-3-haiku-20240307-v1:0", unknown.Message);
        Assert.Contains("amazon.titan-embed-text-v2", unknown.Message);
        Assert.Contains("cohere.embed-v4", unknown.Message);
        Assert.Contains("Text 1", nullText.Message);
        Assert.Empty(none.Embeddings);
        Assert.Empty(bedrock.Requests);
    }

    [Fact]
    public async Task A_throttled_call_is_retried_through_the_pipeline()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = RuntimeTestSupport.Client(bedrock);
        bedrock.Enqueue(Script.HttpError(429, "ThrottlingException", "Too many requests, please wait before trying again."), CohereEnglish);

        var result = await client.EmbedAsync(CohereEnglish, ["a", "b"]);

        Assert.Equal(2, result.Embeddings.Count);
        Assert.Equal(2, bedrock.Requests.Count);
        Assert.Equal(bedrock.Requests[0].Body, bedrock.Requests[1].Body);
        Assert.Equal([bedrock.Requests[1].RequestId], result.RequestIds);
    }

    [Fact]
    public async Task A_call_that_fails_for_good_surfaces_as_a_BedrockException_with_the_service_message()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = RuntimeTestSupport.Client(bedrock, o => o.MaxAttempts = 2);
        bedrock.SetStandingResponse(Titan, Script.HttpError(403, "AccessDeniedException", "You don't have access to the model with the specified model ID."));

        var denied = await Assert.ThrowsAsync<BedrockException>(() => client.EmbedAsync(Titan, ["a", "b", "c", "d", "e", "f"]));
        bedrock.SetStandingResponse(Titan, null);
        var invalid = await Assert.ThrowsAsync<BedrockException>(() => client.EmbedAsync(Titan, [""]));

        Assert.Equal(BedrockErrorKind.AccessDenied, denied.Kind);
        Assert.Equal(403, denied.StatusCode);
        Assert.NotNull(denied.RequestId);
        Assert.Equal(BedrockErrorKind.Validation, invalid.Kind);
        Assert.Contains("minLength", invalid.Message);
    }

    [Fact]
    public async Task A_response_that_is_no_embedding_is_a_service_error_naming_the_request()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = RuntimeTestSupport.Client(bedrock);
        bedrock.Enqueue(Script.RawBody("{\"unexpected\":true}"u8.ToArray(), "application/json"));

        var error = await Assert.ThrowsAsync<BedrockException>(() => client.EmbedAsync(Titan, ["a"]));

        Assert.Equal(BedrockErrorKind.ServiceError, error.Kind);
        Assert.Contains("'embedding' is missing", error.Message);
        Assert.Equal(bedrock.Requests[0].RequestId, error.RequestId);
    }

    [Fact]
    public async Task An_embedding_request_is_one_embeddings_span_with_its_input_tokens()
    {
        // A model id of its own: listeners are process-wide and other tests call concurrently.
        var modelId = "amazon.titan-embed-text-v2:" + Guid.NewGuid().ToString("N");
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == BedrockTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (Equals(activity.GetTagItem("gen_ai.request.model"), modelId))
                {
                    spans.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = RuntimeTestSupport.Client(bedrock);

        await client.EmbedAsync(modelId, ["abcd", "efghijkl"], new EmbeddingOptions { Dimensions = 512 });

        var span = Assert.Single(spans);
        Assert.Equal("embeddings " + modelId, span.DisplayName);
        Assert.Equal("embeddings", span.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("aws.bedrock", span.GetTagItem("gen_ai.provider.name"));
        Assert.Equal(3, span.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(512, span.GetTagItem("gen_ai.embeddings.dimension.count"));
        Assert.Equal(ActivityStatusCode.Ok, span.Status);
    }

    private static double Length(ReadOnlyMemory<float> vector) => Math.Sqrt(vector.ToArray().Sum(v => (double)v * v));
}
