using Xunit;
using static Clawdbot.Sdk.Tests.Runtime.RuntimeTestSupport;

namespace Clawdbot.Sdk.Tests.Runtime;

public sealed class LocationTests
{
    [Theory]
    // explicit option wins over everything
    [InlineData("eu-west-1", "https://bedrock-runtime.ap-south-1.amazonaws.com", "us-west-2", "us-east-2", "eu-west-1")]
    // then the provider baseUrl when it is a Bedrock host (fips and China too)
    [InlineData(null, "https://bedrock-runtime.ap-south-1.amazonaws.com", "us-west-2", "us-east-2", "ap-south-1")]
    [InlineData(null, "https://bedrock-runtime-fips.us-gov-west-1.amazonaws.com", "us-west-2", null, "us-gov-west-1")]
    [InlineData(null, "https://bedrock-runtime.cn-north-1.amazonaws.com.cn", null, null, "cn-north-1")]
    // then AWS_REGION, AWS_DEFAULT_REGION
    [InlineData(null, "https://proxy.example.com/bedrock", "us-west-2", "us-east-2", "us-west-2")]
    [InlineData("  ", null, "", "us-east-2", "us-east-2")]
    // then us-east-1
    [InlineData(null, null, null, null, "us-east-1")]
    public void RegionPrecedence(string? option, string? baseUrl, string? awsRegion, string? awsDefaultRegion, string expected)
    {
        var env = new List<(string, string)>();
        if (awsRegion is not null)
        {
            env.Add(("AWS_REGION", awsRegion));
        }

        if (awsDefaultRegion is not null)
        {
            env.Add(("AWS_DEFAULT_REGION", awsDefaultRegion));
        }

        var options = Options(Environment([.. env]));
        options.Region = option;
        using var client = BedrockClient.FromConfig(Config(baseUrl), options: options);

        Assert.Equal(expected, client.Region);
    }

    [Fact]
    public void DiscoveryRegionIsUsedWhenTheBaseUrlNamesNone()
    {
        var config = Config(null) with { Models = new ModelsConfig { BedrockDiscovery = new BedrockDiscoveryConfig { Region = "eu-central-1" } } };
        using var client = BedrockClient.FromConfig(config, options: Options(Environment(("AWS_REGION", "us-west-2"))));
        Assert.Equal("eu-central-1", client.Region);
        Assert.Equal(new Uri("https://bedrock-runtime.eu-central-1.amazonaws.com"), client.RuntimeEndpoint);
        Assert.Equal(new Uri("https://bedrock.eu-central-1.amazonaws.com"), client.ControlPlaneEndpoint);
    }

    [Fact]
    public void TheProvidersRegionComesAfterItsBaseUrlAndBeforeTheDiscoveryRegion()
    {
        var discovery = new BedrockDiscoveryConfig { Region = "eu-central-1" };
        var regionOnly = ClawdbotConfig.Parse("{ models: { providers: { 'amazon-bedrock': { region: '${BEDROCK_REGION}' } }, bedrockDiscovery: { region: 'eu-central-1' } } }");
        var withBaseUrl = new ClawdbotConfig
        {
            Models = new ModelsConfig
            {
                Providers = [new ModelProviderConfig { Id = "amazon-bedrock", BaseUrl = "https://bedrock-runtime.ap-south-1.amazonaws.com", Region = "eu-west-3" }],
                BedrockDiscovery = discovery,
            },
        };

        using (var client = BedrockClient.FromConfig(regionOnly, options: Options(Environment(("AWS_REGION", "us-west-2"), ("BEDROCK_REGION", "eu-west-3")))))
        {
            Assert.Equal("eu-west-3", client.Region);
            Assert.Equal(new Uri("https://bedrock-runtime.eu-west-3.amazonaws.com"), client.RuntimeEndpoint);
        }

        using (var client = BedrockClient.FromConfig(withBaseUrl, options: Options()))
        {
            Assert.Equal("ap-south-1", client.Region);
        }
    }

    [Fact]
    public void EndpointPrecedence()
    {
        var all = Environment(
            ("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "http://runtime.local:1/"),
            ("AWS_ENDPOINT_URL_BEDROCK", "http://control.local:2/"),
            ("AWS_ENDPOINT_URL", "http://any.local:3/"));
        var withOption = Options(all);
        withOption.Endpoint = new Uri("http://explicit.local:9/");
        withOption.ControlPlaneEndpoint = new Uri("http://explicit-cp.local:9/");
        using (var client = BedrockClient.FromConfig(Config("https://proxy.example.com"), options: withOption))
        {
            Assert.Equal("explicit.local", client.RuntimeEndpoint.Host);
            Assert.Equal("explicit-cp.local", client.ControlPlaneEndpoint.Host);
        }

        using (var client = BedrockClient.FromConfig(Config("https://proxy.example.com"), options: Options(all)))
        {
            Assert.Equal("runtime.local", client.RuntimeEndpoint.Host);
            Assert.Equal("control.local", client.ControlPlaneEndpoint.Host);
        }

        using (var client = BedrockClient.FromConfig(Config("https://proxy.example.com"), options: Options(Environment(("AWS_ENDPOINT_URL", "http://any.local:3/")))))
        {
            Assert.Equal("any.local", client.RuntimeEndpoint.Host);
            Assert.Equal("any.local", client.ControlPlaneEndpoint.Host);
        }

        using (var client = BedrockClient.FromConfig(Config("https://proxy.example.com/base"), options: Options(Environment(("AWS_REGION", "us-west-2")))))
        {
            Assert.Equal(new Uri("https://proxy.example.com/base"), client.RuntimeEndpoint);
            Assert.Equal(new Uri("https://bedrock.us-west-2.amazonaws.com"), client.ControlPlaneEndpoint);
            Assert.Equal("/base/model/a%3Ab%2Fc/converse-stream", client.Transport.ModelUri("a:b/c", "converse-stream").AbsolutePath);
        }

        using (var client = BedrockClient.FromConfig(Config(null), options: Options(Environment(("AWS_REGION", "us-west-2")))))
        {
            Assert.Equal(new Uri("https://bedrock-runtime.us-west-2.amazonaws.com"), client.RuntimeEndpoint);
        }
    }

    [Fact]
    public void PlaceholdersInBaseUrlAndHeadersResolveFromTheEnvironment()
    {
        var config = new ClawdbotConfig
        {
            Models = new ModelsConfig
            {
                Providers = [new ModelProviderConfig { Id = "amazon-bedrock", BaseUrl = "https://bedrock-runtime.${BEDROCK_REGION}.amazonaws.com", Headers = new Dictionary<string, string> { ["x-team"] = "${TEAM}" } }],
            },
        };
        using var client = BedrockClient.FromConfig(config, options: Options(Environment(("BEDROCK_REGION", "eu-west-3"), ("TEAM", "blue"))));
        Assert.Equal("eu-west-3", client.Region);

        var missing = Assert.Throws<InvalidOperationException>(() => BedrockClient.FromConfig(config, options: Options(Environment(("TEAM", "blue")))));
        Assert.Contains("BEDROCK_REGION", missing.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AWS_ENDPOINT_URL_BEDROCK_RUNTIME")]
    [InlineData("AWS_ENDPOINT_URL_BEDROCK")]
    [InlineData("AWS_ENDPOINT_URL")]
    public void ABadEndpointVariableIsNamedWithoutItsUserInfo(string variable)
    {
        var error = Assert.Throws<ArgumentException>(() => new BedrockClient(Options(Environment((variable, "ftp://alice:s3cret-pass@proxy.local/base")))));

        Assert.Contains("env " + variable + ",", error.Message, StringComparison.Ordinal);
        Assert.Contains("'ftp://proxy.local/base'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pass", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("alice", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AWS_ENDPOINT_URL_BEDROCK_RUNTIME")]
    [InlineData("AWS_ENDPOINT_URL")]
    public void AnEndpointVariableCarryingCredentialsIsRefusedWithoutEchoingThem(string variable)
    {
        var error = Assert.Throws<ArgumentException>(() => new BedrockClient(Options(Environment((variable, "https://alice:s3cret-pass@proxy.local/base")))));

        Assert.Contains("env " + variable + ", 'https://proxy.local/base', must not carry a user name or password", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pass", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AProviderBaseUrlCarryingCredentialsIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => BedrockClient.FromConfig(Config("https://alice:s3cret-pass@bedrock.proxy.local"), options: Options()));

        Assert.Contains("provider baseUrl, 'https://bedrock.proxy.local', must not carry", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pass", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AnEndpointOptionCarryingCredentialsIsRefused()
    {
        var options = Options();
        options.Endpoint = new Uri("https://alice:s3cret-pass@bedrock.proxy.local");

        var error = Assert.Throws<ArgumentException>(() => new BedrockClient(options));

        Assert.Contains("must not carry a user name or password", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pass", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ABadProviderBaseUrlIsNamedWithoutItsUserInfo()
    {
        var error = Assert.Throws<ArgumentException>(() => BedrockClient.FromConfig(Config("alice:s3cret-pass@proxy.local/base"), options: Options()));

        Assert.Contains("provider baseUrl", error.Message, StringComparison.Ordinal);
        Assert.Contains("'proxy.local/base'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pass", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://user:pass@host:8443/p?q=1", "https://host:8443/p?q=1")]
    [InlineData("https://host/p@x", "https://host/p@x")]
    [InlineData("user@host", "host")]
    [InlineData("/relative", "/relative")]
    [InlineData("https://a@b@host", "https://host")]
    public void UserInfoIsStrippedFromEchoedUrls(string url, string expected)
        => Assert.Equal(expected, BedrockLocation.WithoutUserInfo(url));

    [Fact]
    public void UnknownProviderIsRejected()
        => Assert.Throws<ArgumentException>(() => BedrockClient.FromConfig(new ClawdbotConfig(), "nope"));

    [Fact]
    public void InvalidOptionsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BedrockClient(new BedrockClientOptions { MaxAttempts = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BedrockClient(new BedrockClientOptions { IdleTimeout = TimeSpan.Zero }));
        Assert.Throws<ArgumentException>(() => new BedrockClient(new BedrockClientOptions { Region = "Not A Region" }));
        Assert.Throws<ArgumentException>(() => new BedrockClient(new BedrockClientOptions { Endpoint = new Uri("ftp://x/") }));
    }

    private static ClawdbotConfig Config(string? baseUrl) => new()
    {
        Models = new ModelsConfig
        {
            Providers = baseUrl is null ? [] : [new ModelProviderConfig { Id = "amazon-bedrock", BaseUrl = baseUrl }],
        },
    };
}
