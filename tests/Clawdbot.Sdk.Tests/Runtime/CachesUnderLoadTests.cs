using Clawdbot.Sdk.Testing;
using static Clawdbot.Sdk.Tests.Runtime.RuntimeTestSupport;

namespace Clawdbot.Sdk.Tests.Runtime;

/// <summary>
/// A fresh client taking many calls at once: they share one credential resolution and one discovery listing, however
/// many arrive before the first one is answered.
/// </summary>
public sealed class CachesUnderLoadTests : IDisposable
{
    private const int Calls = 100;
    private const string OpusId = "anthropic.claude-opus-4-5-20251101-v1:0";
    private readonly string _directory = Directory.CreateTempSubdirectory("clawdbot-load-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Concurrent_first_calls_share_one_credential_resolution()
    {
        const string token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJsb2FkIn0.web-identity-under-load";
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.AddWebIdentityToken(token);
        var tokenFile = Path.Combine(_directory, "token");
        await File.WriteAllTextAsync(tokenFile, token);
        var options = Options(Environment(
            ("AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile),
            ("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/PodRole"),
            ("AWS_ENDPOINT_URL_STS", bedrock.Endpoint.ToString())));
        options.Endpoint = bedrock.Endpoint;
        options.Region = bedrock.Region;
        using var client = new BedrockClient(options);

        var results = await Eventually.Within(
            Task.WhenAll(Enumerable.Range(0, Calls).Select(i => client.ConverseStreamAsync(Request(prompt: "call " + i)).ToResultAsync())),
            "every call to end");

        Assert.All(results.Select((r, i) => (r, i)), x => Assert.Equal("You said: call " + x.i, x.r.Text));
        Assert.Single(bedrock.Requests, r => r.Operation == "AssumeRoleWithWebIdentity");
        var issued = Assert.Single(bedrock.IssuedCredentials);
        Assert.All(bedrock.Requests.Where(r => r.Operation == "ConverseStream"), r => Assert.Equal(issued.AccessKeyId, r.AccessKeyId));
    }

    [Fact]
    public async Task Concurrent_first_calls_of_a_profile_only_id_share_one_discovery_listing()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = Client(bedrock, o => o.ControlPlaneEndpoint = bedrock.Endpoint); // the client's own discovery cache

        var results = await Eventually.Within(
            Task.WhenAll(Enumerable.Range(0, Calls).Select(i => client.ConverseStreamAsync(Request(OpusId, "call " + i)).ToResultAsync())),
            "every call to end");

        Assert.All(results.Select((r, i) => (r, i)), x =>
        {
            Assert.Equal("You said: call " + x.i, x.r.Text);
            Assert.Equal("us." + OpusId, x.r.ModelId);
        });
        Assert.Equal(1, bedrock.ListFoundationModelsCallCount);
        Assert.Equal(1, bedrock.ListInferenceProfilesCallCount);
    }
}
