using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using Clawdbot.Samples;
using Clawdbot.Sdk;
using Clawdbot.Sdk.Testing;
using Microsoft.Extensions.AI;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace StreamingApi;

/// <summary>
/// A minimal API streaming a Bedrock answer as server-sent events: <c>GET /chat?prompt=...</c> answers
/// <c>text/event-stream</c> with a <c>delta</c> event per piece of text and a final <c>done</c> event (finish reason,
/// tokens), or an <c>error</c> event. The chat client comes from <c>AddBedrock</c> with the generated <c>Bedrock.Config</c>.
/// Every call is traced and measured with OpenTelemetry (the GenAI conventions: a <c>chat {model}</c> span with
/// <c>gen_ai.*</c> tags, token-usage and duration histograms); <c>--telemetry</c> prints them to the console.
/// </summary>
public sealed class StreamingApiApp : IAsyncDisposable
{
    private readonly SampleBedrock _target;

    private StreamingApiApp(WebApplication web, SampleBedrock target)
    {
        Web = web;
        _target = target;
    }

    public WebApplication Web { get; }

    /// <summary>The emulator, when the app runs against it.</summary>
    public LocalBedrock? Emulator => _target.Emulator;

    public const string TelemetryFlag = "--telemetry";

    /// <param name="configureServices">Adds to the app's services (tests add an in-memory telemetry exporter).</param>
    public static async Task<StreamingApiApp> CreateAsync(string[] args, TextWriter output, Action<IServiceCollection>? configureServices = null)
    {
        using var probe = BedrockClient.FromConfig(Bedrock.Config);
        // Unscripted, the emulator echoes each prompt ("You said: ..."), streamed a few words at a time.
        var target = await SampleBedrock.ConnectAsync(probe, args, output, static _ => { });
        var builder = WebApplication.CreateSlimBuilder(args.Where(a => a is not SampleBedrock.EmulatorFlag and not TelemetryFlag).ToArray());
        var printTelemetry = args.Contains(TelemetryFlag);
        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing =>
            {
                // ASP.NET Core's own request span parents ours; unrecorded, it would make the sampler drop the chat span.
                tracing.AddSource(BedrockTelemetry.SourceName, "Microsoft.AspNetCore");
                if (printTelemetry)
                {
                    tracing.AddConsoleExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(BedrockTelemetry.SourceName);
                if (printTelemetry)
                {
                    metrics.AddConsoleExporter();
                }
            });
        // The "Bedrock" section (appsettings.json, or environment variables such as Bedrock__Region) tunes the client.
        builder.Services.AddBedrock(builder.Configuration, options =>
        {
            options.Config = Bedrock.Config;
            if (target.Emulator is { } emulator)
            {
                options.Endpoint = emulator.Endpoint;
                options.Region = emulator.Region;
                options.ConfigureClient = client => client.Credentials = emulator.Credentials;
            }
        });

        configureServices?.Invoke(builder.Services);
        var web = builder.Build();
        web.MapGet("/chat", (string prompt, IChatClient chat, CancellationToken cancellationToken)
            => TypedResults.ServerSentEvents(StreamAsync(chat, prompt, cancellationToken)));
        return new StreamingApiApp(web, target);
    }

    public async ValueTask DisposeAsync()
    {
        await Web.DisposeAsync();
        await _target.DisposeAsync();
    }

    private static async IAsyncEnumerable<SseItem<string>> StreamAsync(IChatClient chat, string prompt, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var updates = chat.GetStreamingResponseAsync(prompt, cancellationToken: cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                ChatResponseUpdate update;
                string? failure = null;
                try
                {
                    if (!await updates.MoveNextAsync())
                    {
                        break;
                    }

                    update = updates.Current;
                }
                catch (BedrockException exception)
                {
                    update = null!;
                    failure = exception.Kind.ToString();
                }

                if (failure is not null)
                {
                    yield return new SseItem<string>(failure, "error");
                    yield break;
                }

                if (update.Text is { Length: > 0 } text)
                {
                    yield return new SseItem<string>(text, "delta");
                }

                if (update.FinishReason is { } finish)
                {
                    var usage = update.Contents.OfType<UsageContent>().FirstOrDefault()?.Details;
                    yield return new SseItem<string>(Done(finish, usage), "done");
                }
            }
        }
        finally
        {
            await updates.DisposeAsync();
        }
    }

    // Written by hand: the values are a finish reason and two numbers, nothing that needs escaping beyond quotes.
    private static string Done(ChatFinishReason finish, UsageDetails? usage)
    {
        var json = new StringBuilder("{\"finishReason\":\"").Append(finish.Value.Replace("\"", "", StringComparison.Ordinal)).Append('"');
        if (usage is not null)
        {
            json.Append(",\"inputTokens\":").Append(usage.InputTokenCount?.ToString(CultureInfo.InvariantCulture) ?? "null")
                .Append(",\"outputTokens\":").Append(usage.OutputTokenCount?.ToString(CultureInfo.InvariantCulture) ?? "null");
        }

        return json.Append('}').ToString();
    }
}
