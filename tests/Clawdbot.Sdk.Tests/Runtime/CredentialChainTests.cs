using Amazon.Runtime;
using Microsoft.Extensions.Time.Testing;
using Clawdbot.Sdk.Testing;
using Xunit;
using static Clawdbot.Sdk.Tests.Runtime.RuntimeTestSupport;

namespace Clawdbot.Sdk.Tests.Runtime;

public sealed class CredentialChainTests : IDisposable
{
    private const string CanarySecret = "CANARY-SECRET-9d8c7b6a5f4e";
    private const string CanaryToken = "CANARY-TOKEN-1a2b3c4d5e6f";
    private readonly string _directory = Directory.CreateTempSubdirectory("clawdbot-creds-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task BearerTokenComesFirst()
    {
        var source = await SourceOf(("AWS_BEARER_TOKEN_BEDROCK", CanaryToken), ("AWS_ACCESS_KEY_ID", "AKIDX"), ("AWS_SECRET_ACCESS_KEY", CanarySecret), ("AWS_PROFILE", "dev"));
        Assert.Equal("env: AWS_BEARER_TOKEN_BEDROCK", source);
    }

    [Fact]
    public async Task BlankBearerTokenIsIgnored()
    {
        var source = await SourceOf(("AWS_BEARER_TOKEN_BEDROCK", "   "), ("AWS_ACCESS_KEY_ID", "AKIDX"), ("AWS_SECRET_ACCESS_KEY", CanarySecret));
        Assert.Equal("env: AWS_ACCESS_KEY_ID", source);
    }

    [Fact]
    public async Task EnvironmentKeysBeatTheProfile()
    {
        var file = WriteCredentials("[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = " + CanarySecret + "\n");
        var source = await SourceOf(("AWS_ACCESS_KEY_ID", "AKIDX"), ("AWS_SECRET_ACCESS_KEY", CanarySecret), ("AWS_PROFILE", "dev"), ("AWS_SHARED_CREDENTIALS_FILE", file));
        Assert.Equal("env: AWS_ACCESS_KEY_ID", source);
    }

    [Fact]
    public async Task NamedProfileFromTheSharedCredentialsFile()
    {
        var file = WriteCredentials("[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = " + CanarySecret + "\n");
        Assert.Equal("profile: dev", await SourceOf(("AWS_PROFILE", "dev"), ("AWS_SHARED_CREDENTIALS_FILE", file)));
    }

    [Fact]
    public async Task OptionsProfileOverridesAwsProfile()
    {
        var file = WriteCredentials("[dev]\naws_access_key_id = A1\naws_secret_access_key = s1\n[ops]\naws_access_key_id = A2\naws_secret_access_key = s2\n");
        var options = Options(Environment(("AWS_PROFILE", "dev"), ("AWS_SHARED_CREDENTIALS_FILE", file)));
        options.Profile = "ops";
        using var client = new BedrockClient(options);
        Assert.Equal("profile: ops", await client.GetCredentialSourceAsync());
    }

    [Fact]
    public async Task TheObsoleteCredentialSourcePropertyStillNamesTheSource()
    {
        var file = WriteCredentials("[ops]\naws_access_key_id = A2\naws_secret_access_key = s2\n");
        var options = Options(Environment(("AWS_SHARED_CREDENTIALS_FILE", file)));
        options.Profile = "ops";
        using var client = new BedrockClient(options);
#pragma warning disable CS0618 // the obsolete property under test
        var source = client.CredentialSource;
#pragma warning restore CS0618
        Assert.Equal("profile: ops", source);
        Assert.Equal(source, await client.GetCredentialSourceAsync());
    }

    [Fact]
    public async Task DefaultChainIsLastAndNamedByKind()
    {
        var options = Options();
        options.DefaultCredentialChain = _ => Task.FromResult<AWSCredentials?>(new BasicAWSCredentials("AKIDCHAIN", CanarySecret));
        using var client = new BedrockClient(options);
        Assert.StartsWith("default chain: ", await client.GetCredentialSourceAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoCredentialsFailsFastListingWhatWasTriedWithoutSecrets()
    {
        var file = WriteCredentials("[other]\naws_access_key_id = AKIDOTHER\naws_secret_access_key = " + CanarySecret + "\n");
        var options = Options(Environment(("AWS_PROFILE", "missing"), ("AWS_SHARED_CREDENTIALS_FILE", file), ("AWS_ACCESS_KEY_ID", "AKIDONLY")));
        using var client = new BedrockClient(options);

        var error = await Assert.ThrowsAsync<BedrockException>(() => client.ConverseStreamAsync(Request()).ToResultAsync());

        Assert.Equal(BedrockErrorKind.NoCredentials, error.Kind);
        Assert.Contains("AWS_BEARER_TOKEN_BEDROCK", error.Message, StringComparison.Ordinal);
        Assert.Contains("profile 'missing'", error.Message, StringComparison.Ordinal);
        Assert.Contains("default chain", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(CanarySecret, error.ToString(), StringComparison.Ordinal);
        Assert.False(error.IsRetryable);
    }

    [Fact]
    public async Task TheRealDefaultChainIsCutOffWhileTheMetadataServiceHangs()
    {
        // The real AWSSDK.Core chain, whose EC2 metadata lookup goes to a loopback listener that never answers (see
        // AwsSdkProcessIsolation). The bound runs on a fake clock advanced only once the chain is waiting on that
        // listener, so returning at all proves the bound: the chain itself would not give up for ~16 s.
        var metadata = SilentMetadataService.Instance;
        var connectionsBefore = metadata.AcceptedConnections;
        var clock = new FakeTimeProvider();
        var options = Options();
        options.DefaultCredentialChain = null;
        options.TimeProvider = clock;
        options.CredentialResolutionTimeout = TimeSpan.FromMilliseconds(300);
        using var client = new BedrockClient(options);

        var resolving = client.GetCredentialSourceAsync();
        await Eventually.UntilAsync(() => metadata.AcceptedConnections > connectionsBefore, "the default chain to reach the metadata listener");
        Assert.False(resolving.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(300));
        var error = await Assert.ThrowsAsync<BedrockException>(() => resolving);

        Assert.Equal(BedrockErrorKind.NoCredentials, error.Kind);
        Assert.Equal(BedrockTimeoutKind.CredentialResolution, error.Timeout);
        Assert.Contains("AWS_BEARER_TOKEN_BEDROCK", error.Message, StringComparison.Ordinal);
        Assert.Contains("default chain", error.Message, StringComparison.Ordinal);
        Assert.Contains("timed out after 300 ms", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsRetryable);
    }

    [Fact]
    public void TheDefaultResolutionTimeoutIsShort()
        => Assert.Equal(TimeSpan.FromSeconds(2), new BedrockClientOptions().CredentialResolutionTimeout);

    [Fact]
    public async Task SessionTokenFromEnvironmentSignsAcceptedRequests()
    {
        await using var bedrock = await LocalBedrock.StartAsync(new LocalBedrockOptions { SessionToken = CanaryToken });
        var options = Options(Environment(("AWS_ACCESS_KEY_ID", bedrock.AccessKeyId), ("AWS_SECRET_ACCESS_KEY", bedrock.SecretAccessKey), ("AWS_SESSION_TOKEN", CanaryToken)));
        options.Endpoint = bedrock.Endpoint;
        options.Region = bedrock.Region;
        using var client = new BedrockClient(options);

        var result = await client.ConverseStreamAsync(Request()).ToResultAsync();

        Assert.True(result.IsComplete);
        Assert.Equal("env: AWS_ACCESS_KEY_ID", await client.GetCredentialSourceAsync());
        Assert.DoesNotContain(CanaryToken, result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongBearerTokenIsRejectedWithoutLeakingIt()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var options = Options(Environment(("AWS_BEARER_TOKEN_BEDROCK", CanaryToken)));
        options.Endpoint = bedrock.Endpoint;
        options.Region = bedrock.Region;
        using var client = new BedrockClient(options);

        var error = await Assert.ThrowsAsync<BedrockException>(() => client.ConverseStreamAsync(Request()).ToResultAsync());

        Assert.Equal(403, error.StatusCode);
        Assert.DoesNotContain(CanaryToken, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(CanaryToken, await client.GetCredentialSourceAsync(), StringComparison.Ordinal);
    }

    private static async Task<string> SourceOf(params (string, string)[] variables)
    {
        using var client = new BedrockClient(Options(Environment(variables)));
        var source = await client.GetCredentialSourceAsync();
        Assert.DoesNotContain(CanarySecret, source, StringComparison.Ordinal);
        Assert.DoesNotContain(CanaryToken, source, StringComparison.Ordinal);
        return source;
    }

    private string WriteCredentials(string text)
    {
        var path = Path.Combine(_directory, "credentials");
        File.WriteAllText(path, text);
        return path;
    }
}
