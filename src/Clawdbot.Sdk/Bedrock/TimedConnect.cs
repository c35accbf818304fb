using System.Net.Sockets;

namespace Clawdbot.Sdk;

/// <summary>
/// Opens the network handler's connections under <see cref="BedrockClientOptions.ConnectTimeout"/> on the client's
/// <see cref="BedrockClientOptions.TimeProvider"/>. <see cref="SocketsHttpHandler.ConnectTimeout"/> runs on the real
/// clock only, so it would be the one timeout a fake clock cannot drive. A connection opens as the handler's own
/// would (name resolution included, <c>NoDelay</c>); running out of time is a <see cref="TimeoutException"/>, as with
/// the handler's timeout, which <see cref="CallTimeouts.Classify"/> reports as <see cref="BedrockTimeoutKind.Connect"/>.
/// </summary>
internal static class TimedConnect
{
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, linked.Token).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (OperationCanceledException ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new TimeoutException($"No connection within the connect timeout ({timeout}).", ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
