using System.Diagnostics;
using Clawdbot.Sdk.Testing;
using Clawdbot.Sdk.Tests.Hosting;
using Clawdbot.Sdk.Tests.Runtime;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Clawdbot.Sdk.Tests.Failover.FailoverFixture;

namespace Clawdbot.Sdk.Tests.Failover;

/// <summary>Where failover shows: Bedrock.Models.Default, MessageStart, IChatClient, the host's default, logs and traces.</summary>
public sealed class FailoverSurfaceTests
{
    private static readonly HttpErrorScript s_throttled = Script.HttpError(429, "ThrottlingException", "Rate exceeded");

    private static BedrockModel DeclaredPrimary(BedrockClientProvider clients)
        => BedrockModel.Declared(clients, "amazon-bedrock", static config => config.Models.Providers[0].Models[0]);

    [Fact]
    public async Task The_default_descriptor_fails_over_and_its_message_start_names_the_model_and_the_attempts()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = Client(bedrock);
        var clients = Clients(client);
        var primary = DeclaredPrimary(clients);
        var @default = BedrockModel.DeclaredDefault(primary);
        bedrock.SetStandingResponse(Primary, s_throttled);

        var updates = await RuntimeTestSupport.CollectAsync(@default.StreamAsync("Hi"));
        var start = Assert.IsType<MessageStart>(updates[0]);

        Assert.Same(@default, BedrockModel.DeclaredDefault(@default));
        Assert.Null(primary.FallbackChain);
        Assert.Equal(3, @default.FallbackChain?.Models.Count);
        Assert.Equal(Primary, @default.Id);
        Assert.Equal("amazon-bedrock/" + Second, start.ModelRef);
        Assert.Equal(Second, start.ModelId);
        Assert.Equal("amazon-bedrock/" + Primary + ": ThrottlingException (429)", Assert.Single(start.FailoverAttempts).ToString());
        Assert.Equal("You said: Hi", (await @default.CompleteAsync("Hi")).Text);
        // A plain descriptor of the same model never fails over.
        Assert.Equal(BedrockErrorKind.Throttling, (await Assert.ThrowsAsync<BedrockException>(() => primary.CompleteAsync("Hi"))).Kind);
    }

    [Fact]
    public async Task The_default_chat_client_and_a_chain_chat_client_fail_over_unless_another_model_is_asked_for()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = Client(bedrock);
        var clients = Clients(client);
        bedrock.SetStandingResponse(Primary, s_throttled);
        using var fromDefault = BedrockModel.DeclaredDefault(DeclaredPrimary(clients)).AsIChatClient();
        using var fromChain = BedrockFallbackChain.FromConfig(clients).AsIChatClient();

        var answer = await fromDefault.GetResponseAsync("Hi");
        var streamed = await fromChain.GetStreamingResponseAsync("Hi").ToChatResponseAsync();
        bedrock.SetStandingResponse(Third, s_throttled);
        var named = await Assert.ThrowsAsync<BedrockException>(() => fromChain.GetResponseAsync("Hi", new ChatOptions { ModelId = Third }));

        Assert.Equal("You said: Hi", answer.Text);
        Assert.Equal(Second, answer.ModelId);
        Assert.Equal("You said: Hi", streamed.Text);
        Assert.Equal(BedrockErrorKind.Throttling, named.Kind);
        Assert.Empty(named.FailoverAttempts);
    }

    [Fact]
    public async Task The_hosts_default_chat_client_fails_over_on_the_hosts_clients()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        services.AddBedrock(FailoverFixture.Config(), options =>
        {
            options.Endpoint = bedrock.Endpoint;
            options.Region = bedrock.Region;
            options.ControlPlaneEndpoint = bedrock.Endpoint;
            options.ConfigureClient = c =>
            {
                c.Credentials = bedrock.Credentials;
                c.Environment = RuntimeTestSupport.Environment();
                c.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
                c.RetryMaxDelay = TimeSpan.FromMilliseconds(5);
            };
        });
        await using var provider = services.BuildServiceProvider();
        bedrock.SetStandingResponse(Primary, s_throttled);

        var response = await provider.GetRequiredService<IChatClient>().GetResponseAsync("Hi");
        var keyed = await Assert.ThrowsAsync<BedrockException>(() => provider.GetRequiredKeyedService<IChatClient>("pro").GetResponseAsync("Hi"));

        Assert.Equal("You said: Hi", response.Text);
        Assert.Equal(Second, response.ModelId);
        Assert.Equal(BedrockErrorKind.Throttling, keyed.Kind);
        var switched = Assert.Single(logs.Entries, e => e.EventId.Id == 1009);
        Assert.Equal(LogLevel.Warning, switched.Level);
        Assert.Contains("amazon-bedrock/" + Primary, switched.Message);
        Assert.Contains("failing over to amazon-bedrock/" + Second, switched.Message);
        Assert.Contains(logs.Entries, e => e.EventId.Id == 1010 && e.Message.Contains("agents.defaults.model.fallbacks[0]", StringComparison.Ordinal));
        Assert.DoesNotContain(bedrock.SecretAccessKey, logs.AllText());
    }

    [Fact]
    public async Task Each_switch_is_a_span_event_and_the_span_names_the_model_that_answered()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = Client(bedrock);
        var chain = Chain(client);
        bedrock.SetStandingResponse(Primary, s_throttled);
        var stopped = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == BedrockTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (stopped)
                {
                    stopped.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        // Tests run in parallel: this call's spans are those of this trace.
        using (var root = new Activity("failover-test").Start())
        {
            await chain.StreamAsync("Hi").ToResultAsync();
            lock (stopped)
            {
                stopped.RemoveAll(a => a.TraceId != root.TraceId);
            }
        }

        Activity span;
        lock (stopped)
        {
            span = Assert.Single(stopped, a => a.DisplayName == "failover amazon-bedrock/" + Primary);
            Assert.Contains(stopped, a => a.Parent == span && Equals(a.GetTagItem("gen_ai.request.model"), Second));
        }

        var switched = Assert.Single(span.Events);
        Assert.Equal("clawdbot.failover", switched.Name);
        Assert.Equal("amazon-bedrock/" + Primary, switched.Tags.Single(t => t.Key == "clawdbot.failover.from").Value);
        Assert.Equal("amazon-bedrock/" + Second, switched.Tags.Single(t => t.Key == "clawdbot.failover.to").Value);
        Assert.Equal("ThrottlingException", switched.Tags.Single(t => t.Key == "error.type").Value);
        Assert.Equal("amazon-bedrock/" + Second, span.GetTagItem("clawdbot.failover.answered_by"));
    }
}
