using System.Runtime.InteropServices;
using Clawdbot.Sdk;
using Clawdbot.Sdk.EventStreams;
using Clawdbot.Sdk.Soak;
using Clawdbot.Sdk.Testing;

// The soak: many ConverseStream calls held open at once from one BedrockClient against LocalBedrock (in this process),
// then the same again with a share of them cut mid-way; it checks every text and partial, and that connections and
// pooled buffers all come back. Exit code 0 when everything held, 1 when something did not, 2 for bad options.
SoakSettings settings;
try
{
    settings = SoakSettings.Parse(args);
    if (settings.CutPercent > 0 && settings.Events < 2)
    {
        throw new ArgumentException("Cutting streams mid-way needs --events 2 or more.");
    }
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    return 2;
}

Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}, .NET {Environment.Version}, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC");
Console.WriteLine($"Soak: {settings.Streams} streams x {settings.Events} text events, {settings.EventDelay.TotalMilliseconds:0} ms apart; second wave cuts {settings.CutPercent}% half-way");
Console.WriteLine();

await using var bedrock = await LocalBedrock.StartAsync();
var healthy = true;
foreach (var http in settings.Http == "both" ? ["1.1", "2"] : new[] { settings.Http })
{
    var baselineLive = GC.GetTotalMemory(forceFullCollection: true);
    var baselineWorkingSet = Environment.WorkingSet;
    var client = new BedrockClient(new BedrockClientOptions
    {
        Endpoint = bedrock.Endpoint,
        Region = bedrock.Region,
        Credentials = bedrock.Credentials,
        // Without TLS there is no ALPN: HTTP/2 to the emulator is h2c with prior knowledge, asked for exactly.
        HttpVersion = http == "2" ? System.Net.HttpVersion.Version20 : System.Net.HttpVersion.Version11,
        HttpVersionPolicy = http == "2" ? HttpVersionPolicy.RequestVersionExact : HttpVersionPolicy.RequestVersionOrLower,
    });

    var whole = await SoakWave.RunAsync(bedrock, client, settings, "h" + http + "a", cutSome: false);
    var idleAfterWhole = bedrock.OpenConnectionCount;
    bedrock.ClearRequests();
    var cut = await SoakWave.RunAsync(bedrock, client, settings, "h" + http + "b", cutSome: true);
    var idleAfterCut = bedrock.OpenConnectionCount;
    bedrock.ClearRequests();
    var rentedBuffers = EventStreamReader.RentedBuffers + PooledText.RentedBuffers;

    client.Dispose();
    var closed = await SoakReport.WaitForAsync(() => bedrock.OpenConnectionCount == 0, TimeSpan.FromSeconds(30));
    var afterDispose = bedrock.OpenConnectionCount;
    var afterLive = GC.GetTotalMemory(forceFullCollection: true);

    healthy &= SoakReport.Print(http, settings, whole, cut, idleAfterWhole, idleAfterCut, afterDispose, rentedBuffers, baselineLive, baselineWorkingSet, afterLive)
        && closed;
}

Console.WriteLine(healthy ? "PASS" : "FAIL");
return healthy ? 0 : 1;
