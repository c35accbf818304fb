// Serves the same captured ConverseStream body (EventStreamRecordings.TextDeltas) to every ConverseStream call of one
// model, over HTTP/1.1 on a loopback port, for benchmarks/cli-vs-js.sh. Prints the endpoint, then serves until stdin
// closes.
//
//   dotnet StreamServer.dll MODEL_ID [DELTAS]      (default 500,000 deltas)
using System.Globalization;
using Clawdbot.Sdk.Testing;

if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: StreamServer MODEL_ID [DELTAS]");
    return 2;
}

var deltas = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 500_000;
var body = EventStreamRecordings.TextDeltas(deltas);
await using var bedrock = await LocalBedrock.StartAsync();
bedrock.SetStandingResponse(args[0], Script.RawBody(body));
Console.WriteLine($"{bedrock.Endpoint} {bedrock.Region} {bedrock.AccessKeyId} {bedrock.SecretAccessKey} {body.Length}");
await Console.In.ReadToEndAsync();
return 0;
