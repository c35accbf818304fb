using System.Net.Sockets;
using System.Text;
using Clawdbot.Sdk.Testing;

namespace Clawdbot.Sdk.Tests.Emulator;

/// <summary>
/// <see cref="LocalBedrock.Endpoint"/> tells HTTP/2 with prior knowledge from HTTP/1.1 by the connection's first
/// bytes, however the client splits them into writes.
/// </summary>
public sealed class LocalBedrockProtocolTests
{
    private static readonly TimeSpan ReadBound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_http1_request_whose_first_write_is_a_prefix_of_the_http2_preface_is_served_as_http1()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var socket = await ConnectAsync(bedrock);

        // "P" could still open "PRI * HTTP/2.0": the emulator must wait for more before it decides.
        await SendAsync(socket, "P");
        await PauseBetweenWritesAsync();
        await SendAsync(socket, $"OST /model/x/converse HTTP/1.1\r\nHost: {bedrock.Endpoint.Authority}\r\nContent-Length: 2\r\n\r\n{{}}");

        var head = Encoding.ASCII.GetString(await ReadAtLeastAsync(socket, 12));
        Assert.StartsWith("HTTP/1.1 403", head, StringComparison.Ordinal);
        Assert.Equal(("HTTP/1.1", RequestAuthKind.None), (Assert.Single(bedrock.Requests).Protocol, bedrock.Requests[0].AuthKind));
    }

    [Fact]
    public async Task An_http2_preface_split_across_writes_is_served_as_http2()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var socket = await ConnectAsync(bedrock);

        await SendAsync(socket, "PRI * HTTP/2.0\r\n");
        await PauseBetweenWritesAsync();
        await SendAsync(socket, "\r\nSM\r\n\r\n");
        await socket.SendAsync(new byte[] { 0, 0, 0, 0x4, 0, 0, 0, 0, 0 }); // an empty SETTINGS frame

        // The server's connection preface is a SETTINGS frame: 3 bytes of length, then type 0x4 on stream 0.
        var frame = await ReadAtLeastAsync(socket, 9);
        Assert.Equal(0x4, frame[3]);
        Assert.Equal([0, 0, 0, 0], frame[5..9]);
    }

    private static async Task<Socket> ConnectAsync(LocalBedrock bedrock)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync("127.0.0.1", bedrock.Endpoint.Port);
        return socket;
    }

    /// <summary>
    /// Gives the server a chance to read the first write on its own, so the split is usually exercised. No outcome
    /// depends on it: the same bytes arriving in one read must be, and are, served the same way.
    /// </summary>
    private static Task PauseBetweenWritesAsync() => Task.Delay(50);

    private static async Task SendAsync(Socket socket, string text) => await socket.SendAsync(Encoding.ASCII.GetBytes(text));

    /// <summary>Reads until <paramref name="count"/> bytes arrived; a server that never answers fails the test instead of hanging it.</summary>
    private static async Task<byte[]> ReadAtLeastAsync(Socket socket, int count)
    {
        using var bound = new CancellationTokenSource(ReadBound);
        var buffer = new byte[4096];
        var read = 0;
        try
        {
            while (read < count)
            {
                var n = await socket.ReceiveAsync(buffer.AsMemory(read), bound.Token);
                Assert.True(n > 0, $"the emulator closed the connection after {read} bytes");
                read += n;
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"the emulator sent {read} of {count} bytes and then nothing");
        }

        return buffer[..read];
    }
}
