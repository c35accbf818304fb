using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Clawdbot.Sdk.Tests;

/// <summary>
/// A stand-in for the EC2 instance metadata service on 127.0.0.1 that accepts connections and never answers, the way
/// an unreachable or firewalled IMDS behaves: AWSSDK.Core's chain then hangs on it instead of reaching 169.254.169.254.
/// </summary>
internal sealed class SilentMetadataService
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    // Held open (and referenced) so no accepted connection is ever closed or answered.
    private readonly ConcurrentQueue<Socket> _connections = new();

    private SilentMetadataService()
    {
        _listener.Start();
        Endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _ = AcceptForeverAsync();
    }

    public static SilentMetadataService Instance { get; } = new();

    public Uri Endpoint { get; }

    public int AcceptedConnections => _connections.Count;

    private async Task AcceptForeverAsync()
    {
        while (true)
        {
            _connections.Enqueue(await _listener.AcceptSocketAsync().ConfigureAwait(false));
        }
    }
}
