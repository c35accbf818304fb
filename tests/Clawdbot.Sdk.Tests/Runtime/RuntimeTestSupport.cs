using Amazon.Runtime;
using Clawdbot.Sdk.Testing;

namespace Clawdbot.Sdk.Tests.Runtime;

/// <summary>Clients wired to an isolated environment (no process variables, no real home, no IMDS).</summary>
internal static class RuntimeTestSupport
{
    public static Func<string, string?> Environment(params (string Name, string Value)[] variables)
    {
        var values = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        values.TryAdd("HOME", Path.Combine(Path.GetTempPath(), "clawdbot-no-home-" + Guid.NewGuid().ToString("N")));
        return name => values.TryGetValue(name, out var value) ? value : null;
    }

    public static BedrockClientOptions Options(Func<string, string?>? environment = null) => new()
    {
        Environment = environment ?? Environment(),
        DefaultCredentialChain = static _ => Task.FromResult<AWSCredentials?>(null),
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        RetryMaxDelay = TimeSpan.FromMilliseconds(5),
    };

    public static BedrockClient Client(LocalBedrock bedrock, Action<BedrockClientOptions>? configure = null)
    {
        var options = Options();
        options.Endpoint = bedrock.Endpoint;
        options.Region = bedrock.Region;
        options.Credentials = bedrock.Credentials;
        configure?.Invoke(options);
        return new BedrockClient(options);
    }

    public static ConverseRequest Request(string modelId = "anthropic.claude-3-haiku-20240307-v1:0", string prompt = "Hi")
        => new ConverseRequest(modelId).AddUser(prompt);

    public static async Task<List<StreamUpdate>> CollectAsync(IAsyncEnumerable<StreamUpdate> updates, List<StreamUpdate>? into = null)
    {
        var list = into ?? [];
        await foreach (var update in updates)
        {
            list.Add(update);
        }

        return list;
    }
}
