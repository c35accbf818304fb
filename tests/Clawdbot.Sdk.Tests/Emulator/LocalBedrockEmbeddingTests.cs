using System.Net;
using System.Text;
using System.Text.Json;
using Clawdbot.Sdk.Testing;

namespace Clawdbot.Sdk.Tests.Emulator;

/// <summary>LocalBedrock's InvokeModel for the embedding models, spoken to over plain signed HTTP.</summary>
public sealed class LocalBedrockEmbeddingTests
{
    [Theory]
    [InlineData("amazon.titan-embed-text-v2:0", "{\"dimensions\":256}", "required key [inputText] not found")]
    [InlineData("amazon.titan-embed-text-v2:0", "{\"inputText\":\"hi\",\"dimensions\":300}", "#/dimensions: 300 is not a valid enum value")]
    [InlineData("amazon.titan-embed-text-v2:0", "{\"inputText\":\"hi\",\"texts\":[\"hi\"]}", "extraneous key [texts] is not permitted")]
    [InlineData("cohere.embed-english-v3", "{\"texts\":[\"hi\"]}", "input_type is required")]
    [InlineData("cohere.embed-english-v3", "{\"texts\":[],\"input_type\":\"search_query\"}", "1 to 96 strings")]
    [InlineData("cohere.embed-english-v3", "{\"texts\":[\"hi\"],\"input_type\":\"search_query\",\"output_dimension\":256}", "extraneous key [output_dimension]")]
    [InlineData("cohere.embed-v4:0", "{\"texts\":[\"hi\"],\"input_type\":\"search_query\",\"output_dimension\":100}", "256, 512, 1024, 1536")]
    [InlineData("cohere.embed-v4:0", "not json", "Malformed input request")]
    [InlineData("amazon.nova-pro-v1:0", "{\"inputText\":\"hi\"}", "embedding models only")]
    public async Task A_body_Bedrock_would_refuse_is_a_ValidationException(string modelId, string body, string expected)
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var http = EmulatorClient.SigV4(bedrock);

        using var response = await http.PostAsync(EmulatorClient.RuntimePath(modelId, "invoke"), new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("ValidationException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Contains(expected, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Cohere_texts_above_96_are_refused()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var http = EmulatorClient.SigV4(bedrock);
        var body = JsonSerializer.Serialize(new { texts = Enumerable.Repeat("x", 97).ToArray(), input_type = "search_document" });

        using var response = await http.PostAsync(EmulatorClient.RuntimePath("cohere.embed-multilingual-v3", "invoke"), new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_same_text_gives_the_same_vector_with_the_tokens_in_body_and_header()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var http = EmulatorClient.SigV4(bedrock);
        const string body = "{\"inputText\":\"twelve chars\",\"dimensions\":512}";

        var first = await PostAsync(http, "amazon.titan-embed-text-v2:0", body);
        var second = await PostAsync(http, "amazon.titan-embed-text-v2:0", body);
        var other = await PostAsync(http, "amazon.titan-embed-text-v2:0", "{\"inputText\":\"other text\",\"dimensions\":512}");

        Assert.Equal(512, first.Json.GetProperty("embedding").GetArrayLength());
        Assert.Equal(first.Json.GetProperty("embedding").GetRawText(), second.Json.GetProperty("embedding").GetRawText());
        Assert.NotEqual(first.Json.GetProperty("embedding").GetRawText(), other.Json.GetProperty("embedding").GetRawText());
        Assert.Equal(3, first.Json.GetProperty("inputTextTokenCount").GetInt32());
        Assert.Equal("3", first.TokenHeader);
        Assert.All(bedrock.Requests, request => Assert.Equal("InvokeModel", request.Operation));
        Assert.Equal("amazon.titan-embed-text-v2:0", bedrock.Requests[0].ModelId);
    }

    [Fact]
    public async Task Cohere_answers_floats_or_floats_by_type_as_asked()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var http = EmulatorClient.SigV4(bedrock);

        var plain = await PostAsync(http, "cohere.embed-english-v3", "{\"texts\":[\"a\",\"b\"],\"input_type\":\"search_document\"}");
        var byType = await PostAsync(http, "us.cohere.embed-v4:0", "{\"texts\":[\"a\",\"b\"],\"input_type\":\"search_document\",\"embedding_types\":[\"float\"],\"output_dimension\":256}");

        Assert.Equal("embeddings_floats", plain.Json.GetProperty("response_type").GetString());
        Assert.Equal(2, plain.Json.GetProperty("embeddings").GetArrayLength());
        Assert.Equal(1024, plain.Json.GetProperty("embeddings")[0].GetArrayLength());
        Assert.Equal("embeddings_by_type", byType.Json.GetProperty("response_type").GetString());
        Assert.Equal(256, byType.Json.GetProperty("embeddings").GetProperty("float")[1].GetArrayLength());
        Assert.Equal("2", plain.TokenHeader);
    }

    [Fact]
    public async Task An_unsigned_invoke_is_refused_and_the_catalogue_lists_the_embedding_models()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = bedrock.Endpoint };
        using var http = EmulatorClient.SigV4(bedrock);

        using var refused = await anonymous.PostAsync(EmulatorClient.RuntimePath("amazon.titan-embed-text-v2:0", "invoke"), new StringContent("{\"inputText\":\"hi\"}", Encoding.UTF8, "application/json"));
        var listing = JsonDocument.Parse(await http.GetStringAsync("foundation-models?byOutputModality=EMBEDDING")).RootElement;

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var ids = listing.GetProperty("modelSummaries").EnumerateArray().Select(m => m.GetProperty("modelId").GetString()).ToList();
        Assert.Equal(["amazon.titan-embed-text-v2:0", "cohere.embed-english-v3", "cohere.embed-multilingual-v3", "cohere.embed-v4:0"], ids);
    }

    private static async Task<(JsonElement Json, string? TokenHeader)> PostAsync(HttpClient http, string modelId, string body)
    {
        using var response = await http.PostAsync(EmulatorClient.RuntimePath(modelId, "invoke"), new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var header = response.Headers.TryGetValues("X-Amzn-Bedrock-Input-Token-Count", out var values) ? values.Single() : null;
        return (JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone(), header);
    }
}
