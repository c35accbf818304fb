using System.Text.Json;
using Clawdbot.Sdk.Testing;
using Clawdbot.Sdk.Tests.Runtime;
using Microsoft.Extensions.AI;

namespace Clawdbot.Sdk.Tests.ChatClient;

/// <summary><c>AsIEmbeddingGenerator()</c>: Bedrock embedding models as Microsoft.Extensions.AI embedding generators.</summary>
public sealed class EmbeddingGeneratorTests
{
    [Fact]
    public async Task Dimensions_map_to_the_request_and_usage_to_input_tokens()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = RuntimeTestSupport.Client(bedrock);
        using var generator = client.AsIEmbeddingGenerator("amazon.titan-embed-text-v2:0");

        var embeddings = await generator.GenerateAsync(["one text", "another"], new EmbeddingGenerationOptions { Dimensions = 256 });

        Assert.Equal(2, embeddings.Count);
        Assert.All(embeddings, e => Assert.Equal(256, e.Vector.Length));
        Assert.All(embeddings, e => Assert.Equal("amazon.titan-embed-text-v2:0", e.ModelId));
        Assert.Equal(4, embeddings.Usage?.InputTokenCount);
        Assert.All(bedrock.Requests, r => Assert.Equal(256, JsonDocument.Parse(r.Body).RootElement.GetProperty("dimensions").GetInt32()));
        var single = await generator.GenerateVectorAsync("one text", new EmbeddingGenerationOptions { Dimensions = 256 });
        Assert.Equal(embeddings[0].Vector.ToArray(), single.ToArray());
    }

    [Fact]
    public async Task Raw_options_win_then_generation_options_then_the_defaults()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = RuntimeTestSupport.Client(bedrock);
        using var generator = client.AsIEmbeddingGenerator("cohere.embed-v4:0", new EmbeddingOptions { Dimensions = 1024, InputType = EmbeddingInputType.Clustering });

        await generator.GenerateAsync(["a"]);
        await generator.GenerateAsync(["a"], new EmbeddingGenerationOptions { Dimensions = 512 });
        await generator.GenerateAsync(["a"], new EmbeddingGenerationOptions
        {
            Dimensions = 512,
            RawRepresentationFactory = _ => new EmbeddingOptions { Dimensions = 256, InputType = EmbeddingInputType.SearchQuery },
        });
        var other = await generator.GenerateAsync(["a"], new EmbeddingGenerationOptions { ModelId = "cohere.embed-english-v3", Dimensions = 1024 });

        var bodies = bedrock.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        Assert.Equal(1024, bodies[0].GetProperty("output_dimension").GetInt32());
        Assert.Equal("clustering", bodies[0].GetProperty("input_type").GetString());
        Assert.Equal(512, bodies[1].GetProperty("output_dimension").GetInt32());
        Assert.Equal(256, bodies[2].GetProperty("output_dimension").GetInt32());
        Assert.Equal("search_query", bodies[2].GetProperty("input_type").GetString());
        Assert.Equal("cohere.embed-english-v3", bedrock.Requests[3].ModelId);
        Assert.Equal("cohere.embed-english-v3", other[0].ModelId);
    }

    [Fact]
    public async Task GetService_returns_the_metadata_the_client_and_the_generator()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = RuntimeTestSupport.Client(bedrock);
        using var generator = client.AsIEmbeddingGenerator("us.cohere.embed-v4:0");

        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();

        Assert.Equal("aws.bedrock", metadata?.ProviderName);
        Assert.Equal(client.RuntimeEndpoint, metadata?.ProviderUri);
        Assert.Equal("us.cohere.embed-v4:0", metadata?.DefaultModelId);
        Assert.Equal(1536, metadata?.DefaultModelDimensions);
        Assert.Same(client, generator.GetService<BedrockClient>());
        Assert.Same(generator, generator.GetService<BedrockEmbeddingGenerator>());
        Assert.Null(generator.GetService<BedrockClient>("key"));
    }

    [Fact]
    public async Task A_declared_embedding_model_embeds_through_its_provider_client_and_a_chat_model_is_refused()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = RuntimeTestSupport.Client(bedrock);
        var clients = new BedrockClientProvider(new ClawdbotConfig());
        var embedder = new BedrockModel(clients, "amazon-bedrock", new ModelDefinition { Id = "amazon.titan-embed-text-v2:0", Name = "Titan Embeddings V2", Input = [ModelInput.Text] });
        var chat = new BedrockModel(clients, "amazon-bedrock", new ModelDefinition { Id = "amazon.nova-micro-v1:0", Name = "Nova Micro" });

        using var generator = embedder.AsIEmbeddingGenerator(new EmbeddingOptions { Dimensions = 512 });
        clients.Use(client);
        var vector = await generator.GenerateVectorAsync("hello");
        var direct = await embedder.EmbedAsync(["hello"], new EmbeddingOptions { Dimensions = 512 });

        Assert.Equal(512, vector.Length);
        Assert.Equal(vector.ToArray(), direct.Embeddings[0].ToArray());
        Assert.Equal("amazon.titan-embed-text-v2:0", bedrock.Requests[^1].ModelId);
        var refused = Assert.Throws<NotSupportedException>(() => chat.AsIEmbeddingGenerator());
        Assert.Contains("amazon.nova-micro-v1:0", refused.Message);
        await Assert.ThrowsAsync<NotSupportedException>(() => chat.EmbedAsync(["hello"]));
    }
}
