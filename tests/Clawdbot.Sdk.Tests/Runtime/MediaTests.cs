using System.Text.Json.Nodes;
using Clawdbot.Sdk.Testing;
using Clawdbot.Sdk.Tests.ChatClient;
using Microsoft.Extensions.AI;
using Xunit;
using static Clawdbot.Sdk.Tests.Runtime.RuntimeTestSupport;

namespace Clawdbot.Sdk.Tests.Runtime;

public sealed class MediaTests
{
    private const string Nova = "amazon.nova-pro-v1:0";

    private static JsonNode ContentOf(RecordedRequest recorded) => JsonNode.Parse(recorded.Body)!["messages"]![0]!["content"]!;

    [Fact]
    public async Task S3_images_documents_and_videos_and_inline_video_go_in_bedrock_shape()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = Client(bedrock);
        var request = new ConverseRequest(Nova);
        request.Messages.Add(Message.User(
            ImageBlock.FromS3("png", "s3://media/cat.png"),
            DocumentBlock.FromS3("pdf", "report", "s3://docs/q3/report.pdf", bucketOwner: "123456789012"),
            VideoBlock.FromS3("mp4", "s3://media/clip.mp4"),
            new VideoBlock("three_gp", new byte[] { 1, 2, 3 }),
            new TextBlock("Describe them.")));

        await client.ConverseStreamAsync(request).ToResultAsync();

        var content = ContentOf(Assert.Single(bedrock.Requests));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            [
              {"image":{"format":"png","source":{"s3Location":{"uri":"s3://media/cat.png"}}}},
              {"document":{"format":"pdf","name":"report","source":{"s3Location":{"uri":"s3://docs/q3/report.pdf","bucketOwner":"123456789012"}}}},
              {"video":{"format":"mp4","source":{"s3Location":{"uri":"s3://media/clip.mp4"}}}},
              {"video":{"format":"three_gp","source":{"bytes":"AQID"}}},
              {"text":"Describe them."}
            ]
            """), content), content.ToJsonString());
    }

    [Fact]
    public async Task A_document_with_citations_enabled_asks_for_them_and_the_cited_answer_is_decoded()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = Client(bedrock);
        var request = new ConverseRequest("anthropic.claude-sonnet-4-5-20250929-v1:0");
        request.Messages.Add(Message.User(
            new DocumentBlock("txt", "facts", "The sky is blue."u8.ToArray()) { CitationsEnabled = true },
            new TextBlock("What colour is the sky?")));
        bedrock.Enqueue(Script.Stream()
            .Event("contentBlockDelta", """{"contentBlockIndex":0,"delta":{"text":"Blue."}}""")
            .Event("contentBlockDelta", """{"contentBlockIndex":0,"delta":{"citation":{"title":"facts","sourceContent":[{"text":"The sky is blue."}],"location":{"documentChar":{"documentIndex":0,"start":0,"end":16}}}}}""")
            .Event("contentBlockStop", """{"contentBlockIndex":0}"""));

        var result = await client.ConverseStreamAsync(request).ToResultAsync();

        var document = ContentOf(Assert.Single(bedrock.Requests))[0]!["document"]!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"enabled":true}"""), document["citations"]));
        Assert.Null(ContentOf(bedrock.Requests[0])[1]!["citations"]);
        var cited = Assert.IsType<CitationsBlock>(Assert.Single(result.Message.Content));
        Assert.Equal("Blue.", cited.Text);
        Assert.Equal("The sky is blue.", Assert.Single(Assert.Single(cited.Citations).SourceTexts));
    }

    [Fact]
    public void A_document_without_citations_sends_no_citations_member_and_s3_locations_are_checked()
    {
        var block = new DocumentBlock("pdf", "a", new byte[] { 1 });

        Assert.False(block.CitationsEnabled);
        Assert.Contains("s3://bucket/key", Assert.Throws<ArgumentException>(() => ImageBlock.FromS3("png", "https://example.com/cat.png")).Message);
        Assert.Throws<ArgumentException>(() => VideoBlock.FromS3("mp4", "s3://bucket-only/"));
        Assert.Contains("12 digits", Assert.Throws<ArgumentException>(() => DocumentBlock.FromS3("pdf", "a", "s3://b/k", bucketOwner: "me")).Message);
        Assert.Equal("VideoBlock { Format = mp4, S3 = s3://b/clip.mp4 }", VideoBlock.FromS3("mp4", "s3://b/clip.mp4").ToString());
    }

    [Fact]
    public async Task Meai_s3_uri_contents_and_video_data_become_s3_locations_and_video_blocks()
    {
        await using var harness = await ChatHarness.StartAsync();
        var user = new ChatMessage(ChatRole.User,
        [
            new UriContent(new Uri("s3://media/cat.jpg"), "image/jpeg"),
            new UriContent(new Uri("s3://docs/Annual report.pdf"), "application/pdf"),
            new UriContent(new Uri("s3://media/clip.mov"), "video/quicktime"),
            new DataContent(new byte[] { 7, 8 }, "video/webm"),
            new TextContent("What is in these?"),
        ]);

        await harness.Chat.GetResponseAsync([user]);

        var content = JsonNode.Parse(harness.Body().GetRawText())!["messages"]![0]!["content"]!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            [
              {"image":{"format":"jpeg","source":{"s3Location":{"uri":"s3://media/cat.jpg"}}}},
              {"document":{"format":"pdf","name":"Annual report","source":{"s3Location":{"uri":"s3://docs/Annual report.pdf"}}}},
              {"video":{"format":"mov","source":{"s3Location":{"uri":"s3://media/clip.mov"}}}},
              {"video":{"format":"webm","source":{"bytes":"Bwg="}}},
              {"text":"What is in these?"}
            ]
            """), content), content.ToJsonString());
    }
}
