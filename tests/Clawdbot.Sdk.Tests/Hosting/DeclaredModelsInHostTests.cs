using Clawdbot.Sdk.Testing;
using Clawdbot.Sdk.Tests.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using DeclaredBedrock = Clawdbot.Sdk.Tests.Declared.Bedrock;

namespace Clawdbot.Sdk.Tests.Hosting;

/// <summary>
/// A host's <c>AddBedrock</c> with the generated <c>Bedrock.Config</c>: the generated descriptors go through the host's
/// clients (its endpoint from configuration, its <c>IHttpClientFactory</c> handler chain, its logging) while it runs.
/// The only test that uses the tests' own generated <c>Bedrock</c>.
/// </summary>
public sealed class DeclaredModelsInHostTests
{
    [Fact]
    public async Task Generated_descriptors_stream_through_the_hosts_pipeline_while_it_runs()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var counter = new CountingHandler();
        var logs = new CapturingLoggerProvider();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bedrock:Endpoint"] = bedrock.Endpoint.ToString(),
            ["Bedrock:ControlPlaneEndpoint"] = bedrock.Endpoint.ToString(),
            ["Bedrock:Region"] = bedrock.Region,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
        builder.Services.AddBedrock(builder.Configuration, options =>
        {
            options.Config = DeclaredBedrock.Config;
            options.ConfigureClient = client =>
            {
                client.Credentials = bedrock.Credentials;
                client.Environment = RuntimeTestSupport.Environment();
            };
        });
        builder.Services.AddHttpClient(BedrockOptions.HttpClientName).AddHttpMessageHandler(() => counter);
        using var host = builder.Build();
        var hostClient = host.Services.GetRequiredService<BedrockClient>();

        // Before the host runs, the descriptor has its own client, from models.json5 (a real AWS endpoint).
        Assert.Equal(new Uri("https://bedrock-runtime.us-west-2.amazonaws.com"), DeclaredBedrock.Models.NovaPro.Client.RuntimeEndpoint);

        await host.StartAsync();
        string text;
        try
        {
            Assert.Same(hostClient, DeclaredBedrock.Models.NovaPro.Client);
            text = string.Concat(await DeclaredBedrock.Models.NovaPro.StreamAsync("Hello host").OfType<TextDelta>().Select(d => d.Text).ToListAsync());
        }
        finally
        {
            await host.StopAsync();
        }

        Assert.Equal("You said: Hello host", text);
        Assert.Equal("amazon.nova-pro-v1:0", Assert.Single(bedrock.Requests).ModelId);
        Assert.Equal(1, counter.Count);
        Assert.Contains(logs.Entries, e => e.EventId.Id == 1001 && e.Category == BedrockLog.Category);
        Assert.Contains(logs.Entries, e => e.Category.StartsWith("System.Net.Http.HttpClient." + BedrockOptions.HttpClientName, StringComparison.Ordinal));

        // Stopped, the host lets go: the descriptor is back on its own client.
        Assert.NotSame(hostClient, DeclaredBedrock.Models.NovaPro.Client);
        Assert.Equal(new Uri("https://bedrock-runtime.us-west-2.amazonaws.com"), DeclaredBedrock.Models.NovaPro.Client.RuntimeEndpoint);
    }

    private sealed class CountingHandler : DelegatingHandler
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
