using System.Buffers;
using Microsoft.AspNetCore.Connections;

namespace Clawdbot.Sdk.Testing.Internal;

/// <summary>
/// Lets the HTTP/1.1 endpoint also serve HTTP/2 with prior knowledge (h2c), as one Bedrock host serves both. Without
/// TLS there is no ALPN and Kestrel serves a cleartext endpoint as one protocol only, so this connection middleware
/// looks at the first bytes without consuming them: a connection that opens with the HTTP/2 connection preface is
/// handed to the HTTP/2 endpoint's pipeline, any other to the HTTP/1.1 one. The AWS SDK for JavaScript's runtime
/// client, for one, speaks h2c to an <c>http://</c> endpoint by default.
/// </summary>
internal sealed class PriorKnowledgeRouter
{
    private static readonly byte[] Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();

    private ConnectionDelegate? _http2;

    /// <summary>Installed last on the HTTP/2 endpoint: keeps the rest of its pipeline (Kestrel's HTTP/2 server) for <see cref="Route"/>.</summary>
    public ConnectionDelegate CaptureHttp2(ConnectionDelegate next)
    {
        _http2 = next;
        return next;
    }

    /// <summary>Installed on the HTTP/1.1 endpoint.</summary>
    public ConnectionDelegate Route(ConnectionDelegate http1) => async connection =>
    {
        if (await StartsWithPrefaceAsync(connection).ConfigureAwait(false) && _http2 is { } http2)
        {
            await http2(connection).ConfigureAwait(false);
        }
        else
        {
            await http1(connection).ConfigureAwait(false);
        }
    };

    private static async Task<bool> StartsWithPrefaceAsync(ConnectionContext connection)
    {
        var input = connection.Transport.Input;
        long examined = 0;
        while (true)
        {
            var result = await input.ReadAsync().ConfigureAwait(false);
            var buffer = result.Buffer;
            var (matches, whole) = Compare(buffer);
            if (!matches || whole || result.IsCompleted || result.IsCanceled)
            {
                // Nothing consumed, and no less examined than before, so the server's own first read sees every byte.
                input.AdvanceTo(buffer.Start, buffer.GetPosition(examined));
                return matches && whole;
            }

            // A prefix of the preface: wait for more bytes.
            examined = buffer.Length;
            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Whether the bytes so far agree with the preface, and whether they cover all of it.</summary>
    private static (bool Matches, bool Whole) Compare(ReadOnlySequence<byte> buffer)
    {
        var length = (int)Math.Min(buffer.Length, Preface.Length);
        Span<byte> head = stackalloc byte[Preface.Length];
        buffer.Slice(0, length).CopyTo(head);
        return (head[..length].SequenceEqual(Preface.AsSpan(0, length)), length == Preface.Length);
    }
}
