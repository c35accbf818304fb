using Clawdbot.Sdk.Testing;

namespace Clawdbot.Sdk.Tests.Runtime;

/// <summary>Options freeze once a client is created from them: a later change throws instead of half-applying.</summary>
public sealed class OptionsFreezeTests
{
    [Theory]
    [InlineData("Region", "Region")]
    [InlineData("Endpoint", "Endpoint")]
    [InlineData("MaxAttempts", "MaxAttempts")]
    [InlineData("IdleTimeout", "IdleTimeout")]
    [InlineData("BearerToken", "BearerToken")]
    [InlineData("HttpMessageHandlerFactory", "HttpMessageHandlerFactory")]
    [InlineData("Headers[]", "Headers")]
    [InlineData("Headers.Add", "Headers")]
    [InlineData("Headers.Remove", "Headers")]
    [InlineData("Headers.Clear", "Headers")]
    public void Setting_an_option_after_a_client_took_it_throws_naming_the_option(string setter, string option)
    {
        Action<BedrockClientOptions> change = setter switch
        {
            "Region" => o => o.Region = "eu-west-1",
            "Endpoint" => o => o.Endpoint = new Uri("https://example.com"),
            "MaxAttempts" => o => o.MaxAttempts = 1,
            "IdleTimeout" => o => o.IdleTimeout = TimeSpan.FromSeconds(1),
            "BearerToken" => o => o.BearerToken = "token",
            "HttpMessageHandlerFactory" => o => o.HttpMessageHandlerFactory = null,
            "Headers[]" => o => o.Headers["x-late"] = "1",
            "Headers.Add" => o => o.Headers.Add("x-late", "1"),
            "Headers.Remove" => o => o.Headers.Remove("x-early"),
            "Headers.Clear" => o => o.Headers.Clear(),
            _ => throw new ArgumentOutOfRangeException(nameof(setter)),
        };

        var options = RuntimeTestSupport.Options();
        options.Region = "us-west-2";
        options.Headers["x-early"] = "1";
        change(options); // allowed before any client exists
        options.Headers.Remove("x-late");
        options.Headers["x-early"] = "1";
        options.BearerToken = null;
        options.Endpoint = null;
        options.Region = "us-west-2";
        using var client = new BedrockClient(options);

        var error = Assert.Throws<InvalidOperationException>(() => change(options));

        Assert.Contains("BedrockClientOptions." + option + " ", error.Message, StringComparison.Ordinal);
        Assert.Equal("us-west-2", client.Region);
        Assert.Equal("1", options.Headers["x-early"]);
        Assert.True(options.Headers.IsReadOnly);
    }

    [Fact]
    public async Task Frozen_options_still_create_more_clients_and_the_first_client_keeps_working()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var first = RuntimeTestSupport.Client(bedrock);
        using var second = new BedrockClient(first.Options);

        Assert.Throws<InvalidOperationException>(() => first.Options.Endpoint = new Uri("https://example.com"));
        Assert.Equal(bedrock.Endpoint, second.RuntimeEndpoint);
        Assert.True((await first.ConverseAsync(RuntimeTestSupport.Request())).IsComplete);
        Assert.True((await second.ConverseAsync(RuntimeTestSupport.Request())).IsComplete);
    }

    [Fact]
    public void Options_that_fail_validation_do_not_freeze()
    {
        var options = RuntimeTestSupport.Options();
        options.MaxAttempts = 0;

        Assert.Throws<ArgumentOutOfRangeException>(() => new BedrockClient(options));
        options.MaxAttempts = 2;
        using var client = new BedrockClient(options);
        Assert.Throws<InvalidOperationException>(() => options.MaxAttempts = 3);
    }
}
