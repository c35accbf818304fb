using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Clawdbot.Sdk.EventStreams;

/// <summary>
/// Reads <c>application/vnd.amazon.eventstream</c> frames from a stream (an HTTP response body) one at a time into a
/// pooled buffer, checking the prelude CRC, the message CRC and every length before a frame is exposed.
/// </summary>
/// <remarks>
/// <para>
/// Frame layout: total length (u32 BE), headers length (u32 BE), prelude CRC32 over the first 8 bytes, headers,
/// payload, message CRC32 over everything before it.
/// </para>
/// <para>
/// After <see cref="ReadNextAsync"/> returns <see langword="true"/> the current frame is exposed through the
/// properties of the reader; <see cref="Payload"/> and the header strings stay valid until the next read.
/// The well-known header values (<c>event</c>, <c>contentBlockDelta</c>, <c>application/json</c>, the exception
/// names...) are returned as cached instances, so a frame of a known kind costs no allocation.
/// Not thread-safe; one reader per body.
/// </para>
/// </remarks>
internal sealed class EventStreamReader : IDisposable, IAsyncDisposable
{
    /// <summary>Frames larger than this are rejected with <see cref="EventStreamErrorReason.BadLength"/>.</summary>
    public const int MaxFrameLength = 16 * 1024 * 1024;

    private const int PreludeLength = 12;
    private const int MinimumFrameLength = PreludeLength + 4;
    private const int DefaultBufferSize = 64 * 1024;

    /// <summary>The largest a buffer grows to while reads keep filling it (see <see cref="ReadMoreAsync"/>).</summary>
    internal const int LargestReadBuffer = 512 * 1024;
    private const int RememberedHeadersCapacity = 256;
    private const int VerifiedPreludeSlots = 64;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private byte[]? _buffer;
    private int _dataStart;
    private int _dataEnd;
    private long _dataStartOffset;

    private int _frameLength;
    private int _headersStart;
    private int _headersLength;
    private int _payloadStart;
    private int _payloadLength;

    private KnownHeaders _known;
    private IReadOnlyList<EventStreamHeader>? _headers;

    // Consecutive frames of a stream mostly carry byte-identical header blocks (event, contentBlockDelta,
    // application/json): a copy of the last scanned block is kept, and while it is remembered _known still describes
    // it (slots and decoded strings), so such a frame costs one comparison, not a scan, nor a copy of _known (six
    // references, each behind a GC write barrier). Blocks larger than the copy are never remembered.
    private readonly byte[] _rememberedHeaders = new byte[RememberedHeadersCapacity];
    private readonly Crc32 _crc = new();

    // Preludes whose CRC matched, one per slot of total length modulo VerifiedPreludeSlots. The service pads every
    // event to a random length, so a stream's frames come in a few dozen lengths and nearly every prelude is one seen
    // before: the same twelve bytes need no second CRC. Checking the 8-byte prelude costs about a sixth of a frame's
    // time otherwise, because Crc32 runs inputs shorter than 16 bytes one byte at a time.
    private readonly VerifiedPrelude[] _verifiedPreludes = new VerifiedPrelude[VerifiedPreludeSlots];
    private static int _rentedBuffers;
    private int _rememberedLength = -1;
    private bool _growOnNextRead;

    public EventStreamReader(Stream stream, bool leaveOpen = false, int initialBufferSize = DefaultBufferSize)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(initialBufferSize, MinimumFrameLength);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _buffer = ArrayPool<byte>.Shared.Rent(initialBufferSize);
        Interlocked.Increment(ref _rentedBuffers);
        ConsumeCurrentFrame();
    }

    /// <summary>
    /// Readers whose pooled buffer has not gone back to the pool yet, across the process: the load tests and the soak
    /// prove with it that every stream, broken ones included, returns what it rented.
    /// </summary>
    internal static int RentedBuffers => Volatile.Read(ref _rentedBuffers);

    /// <summary>The size of the buffer frames are read into; it grows while reads keep filling it.</summary>
    internal int BufferLength => CurrentBuffer.Length;

    /// <summary>Total length in bytes of the current frame, prelude and CRCs included.</summary>
    public int FrameLength => _frameLength;

    /// <summary>The <c>:message-type</c> header (<c>event</c>, <c>exception</c>, <c>error</c>), if present.</summary>
    public string? MessageType => _frameLength == 0 ? null : Text(ref _known.MessageType);

    /// <summary>The <c>:event-type</c> header (<c>messageStart</c>, <c>contentBlockDelta</c>...), if present.</summary>
    public string? EventType => _frameLength == 0 ? null : Text(ref _known.EventType);

    /// <summary>The <c>:exception-type</c> header of an exception frame, if present.</summary>
    public string? ExceptionType => _frameLength == 0 ? null : Text(ref _known.ExceptionType);

    /// <summary>The <c>:error-code</c> header of an error frame, if present.</summary>
    public string? ErrorCode => _frameLength == 0 ? null : Text(ref _known.ErrorCode);

    /// <summary>The <c>:error-message</c> header of an error frame, if present.</summary>
    public string? ErrorMessage => _frameLength == 0 ? null : Text(ref _known.ErrorMessage);

    /// <summary>The <c>:content-type</c> header, if present.</summary>
    public string? ContentType => _frameLength == 0 ? null : Text(ref _known.ContentType);

    /// <summary>The payload of the current frame; valid until the next call to <see cref="ReadNextAsync"/>.</summary>
    public ReadOnlyMemory<byte> Payload => _frameLength == 0
        ? ReadOnlyMemory<byte>.Empty
        : CurrentBuffer.AsMemory(_payloadStart, _payloadLength);

    /// <summary>Every header of the current frame, in wire order. Allocates; use the typed properties on hot paths.</summary>
    public IReadOnlyList<EventStreamHeader> Headers =>
        _headers ??= _frameLength == 0 ? [] : DecodeAllHeaders(CurrentBuffer.AsSpan(_headersStart, _headersLength));

    /// <summary>
    /// Advances to the next frame. Returns <see langword="false"/> when the body ends cleanly between two frames;
    /// throws <see cref="EventStreamException"/> when it ends inside a frame or a frame is corrupt.
    /// </summary>
    public ValueTask<bool> ReadNextAsync(CancellationToken cancellationToken = default)
    {
        return TryReadBuffered() ? new ValueTask<bool>(true) : ReadMoreAsync(cancellationToken);
    }

    /// <summary>
    /// Advances to the next frame when it is already buffered, without touching the stream; false when the next
    /// frame needs more bytes (then <see cref="ReadNextAsync"/> reads them). Lets a caller keep its per-read work
    /// (timers, cancellation) off the path of frames that arrived together.
    /// </summary>
    public bool TryReadBuffered()
    {
        ObjectDisposedException.ThrowIf(_buffer is null, this);
        ConsumeCurrentFrame();
        return TryParseBufferedFrame(out _);
    }

    public void Dispose()
    {
        ReturnBuffer();
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        ReturnBuffer();
        if (!_leaveOpen)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private byte[] CurrentBuffer => _buffer ?? throw new ObjectDisposedException(nameof(EventStreamReader));

    private async ValueTask<bool> ReadMoreAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TryParseBufferedFrame(out var needed);
            MakeRoomFor(needed);
            var buffer = CurrentBuffer;
            var room = buffer.Length - _dataEnd;
            var read = await _stream.ReadAsync(buffer.AsMemory(_dataEnd), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                if (_dataEnd == _dataStart)
                {
                    return false;
                }

                throw new EventStreamException(
                    EventStreamErrorReason.Truncated,
                    $"The event stream ended inside the frame at byte {_dataStartOffset} ({_dataEnd - _dataStart} of {needed} bytes received).");
            }

            _dataEnd += read;

            // A read that fills all the room there was means the body is arriving faster than it is read: a larger
            // buffer then takes more per read (fewer reads, and fewer hops between threads per frame). A stream that
            // trickles never fills it, so thousands of slow streams keep the initial size.
            _growOnNextRead = read == room && buffer.Length < LargestReadBuffer;
            if (TryParseBufferedFrame(out _))
            {
                return true;
            }
        }
    }

    /// <summary>
    /// Decodes the frame at the start of the buffered data if it is complete. Otherwise reports how many bytes
    /// (from the start of the frame) are needed before trying again.
    /// </summary>
    private bool TryParseBufferedFrame(out int needed)
    {
        var buffer = CurrentBuffer;
        var available = _dataEnd - _dataStart;
        if (available < PreludeLength)
        {
            needed = PreludeLength;
            return false;
        }

        var prelude = buffer.AsSpan(_dataStart, PreludeLength);
        var totalLength = BinaryPrimitives.ReadUInt32BigEndian(prelude);
        var headersLength = BinaryPrimitives.ReadUInt32BigEndian(prelude[4..]);

        // The lengths are only trustworthy once the prelude CRC that covers them matches.
        var lengths = BinaryPrimitives.ReadUInt64LittleEndian(prelude);
        var preludeCrc = BinaryPrimitives.ReadUInt32BigEndian(prelude[8..]);
        ref var verified = ref _verifiedPreludes[totalLength % VerifiedPreludeSlots];
        var preludeState = verified.IsSet && verified.Lengths == lengths && verified.Crc == preludeCrc ? null : _crc;
        if (preludeState is not null)
        {
            preludeState.Reset();
            preludeState.Append(prelude[..8]);
            if (preludeState.GetCurrentHashAsUInt32() != preludeCrc)
            {
                throw Fail(EventStreamErrorReason.PreludeCrcMismatch, "prelude CRC mismatch");
            }

            verified = new VerifiedPrelude(lengths, preludeCrc);
        }

        if (totalLength < MinimumFrameLength || totalLength > MaxFrameLength)
        {
            throw Fail(EventStreamErrorReason.BadLength, $"total length {totalLength} is outside {MinimumFrameLength}..{MaxFrameLength}");
        }

        if (headersLength > totalLength - MinimumFrameLength)
        {
            throw Fail(EventStreamErrorReason.BadLength, $"headers length {headersLength} does not fit in total length {totalLength}");
        }

        needed = (int)totalLength;
        if (available < needed)
        {
            return false;
        }

        var frame = buffer.AsSpan(_dataStart, needed);
        if (MessageCrc(preludeState, frame) != BinaryPrimitives.ReadUInt32BigEndian(frame[^4..]))
        {
            throw Fail(EventStreamErrorReason.MessageCrcMismatch, "message CRC mismatch");
        }

        _frameLength = needed;
        _headersStart = _dataStart + PreludeLength;
        _headersLength = (int)headersLength;
        _payloadStart = _headersStart + _headersLength;
        _payloadLength = needed - MinimumFrameLength - _headersLength;
        var headers = buffer.AsSpan(_headersStart, _headersLength);
        if (_rememberedLength < 0 || !headers.SequenceEqual(_rememberedHeaders.AsSpan(0, _rememberedLength)))
        {
            // Until the scan succeeds _known describes no block: a bad header must not leave a stale memory behind.
            _rememberedLength = -1;
            _known = KnownHeaders.Absent;
            ScanHeaders(headers);
            _rememberedLength = headers.Length <= RememberedHeadersCapacity ? headers.Length : -1;
            if (_rememberedLength >= 0)
            {
                headers.CopyTo(_rememberedHeaders);
            }
        }

        return true;
    }

    /// <summary>
    /// The CRC of everything before the frame's last four bytes, given <paramref name="prelude"/> holding the state
    /// after its first eight when the prelude was just checked. <see cref="Crc32"/> folds 16 bytes at a time and takes
    /// the remainder one byte at a time: going on from the prelude's state leaves <c>(length - 12) % 16</c> bytes for
    /// that loop, a fresh pass from the frame's start <c>(length - 4) % 16</c>, so the shorter is taken.
    /// </summary>
    private static uint MessageCrc(Crc32? prelude, ReadOnlySpan<byte> frame)
    {
        var covered = frame[..^4];
        if (prelude is null || covered.Length % 16 < 8)
        {
            return Crc32.HashToUInt32(covered);
        }

        prelude.Append(covered[8..]);
        return prelude.GetCurrentHashAsUInt32();
    }

    /// <summary>Validates every header and remembers where the well-known string headers are, without decoding them.</summary>
    private void ScanHeaders(ReadOnlySpan<byte> headers)
    {
        var position = 0;
        while (position < headers.Length)
        {
            var header = ReadHeaderBounds(headers, ref position);
            if (header.Type != EventStreamValueType.String || header.Name.Length < 2 || header.Name[0] != (byte)':')
            {
                continue;
            }

            var slot = new HeaderSlot(header.ValueStart, header.ValueLength);
            var name = header.Name;
            if (name.SequenceEqual(":message-type"u8))
            {
                _known.MessageType = slot;
            }
            else if (name.SequenceEqual(":event-type"u8))
            {
                _known.EventType = slot;
            }
            else if (name.SequenceEqual(":content-type"u8))
            {
                _known.ContentType = slot;
            }
            else if (name.SequenceEqual(":exception-type"u8))
            {
                _known.ExceptionType = slot;
            }
            else if (name.SequenceEqual(":error-code"u8))
            {
                _known.ErrorCode = slot;
            }
            else if (name.SequenceEqual(":error-message"u8))
            {
                _known.ErrorMessage = slot;
            }
        }
    }

    private HeaderBounds ReadHeaderBounds(ReadOnlySpan<byte> headers, ref int position)
    {
        var nameLength = headers[position++];
        if (nameLength == 0 || position + nameLength + 1 > headers.Length)
        {
            throw Fail(EventStreamErrorReason.BadHeader, $"header name at byte {position - 1} of the headers is empty or overruns them");
        }

        var name = headers.Slice(position, nameLength);
        position += nameLength;
        var type = (EventStreamValueType)headers[position++];
        int valueLength;
        switch (type)
        {
            case EventStreamValueType.BoolTrue or EventStreamValueType.BoolFalse:
                valueLength = 0;
                break;
            case EventStreamValueType.Byte:
                valueLength = 1;
                break;
            case EventStreamValueType.Short:
                valueLength = 2;
                break;
            case EventStreamValueType.Int:
                valueLength = 4;
                break;
            case EventStreamValueType.Long or EventStreamValueType.Timestamp:
                valueLength = 8;
                break;
            case EventStreamValueType.Uuid:
                valueLength = 16;
                break;
            case EventStreamValueType.Bytes or EventStreamValueType.String:
                if (position + 2 > headers.Length)
                {
                    throw Fail(EventStreamErrorReason.BadHeader, "header value length overruns the headers");
                }

                valueLength = BinaryPrimitives.ReadUInt16BigEndian(headers[position..]);
                position += 2;
                break;
            default:
                throw Fail(EventStreamErrorReason.BadHeader, $"header value type {(byte)type} is unknown");
        }

        if (position + valueLength > headers.Length)
        {
            throw Fail(EventStreamErrorReason.BadHeader, "header value overruns the headers");
        }

        var bounds = new HeaderBounds(name, type, position, valueLength);
        position += valueLength;
        return bounds;
    }

    private IReadOnlyList<EventStreamHeader> DecodeAllHeaders(ReadOnlySpan<byte> headers)
    {
        var list = new List<EventStreamHeader>();
        var position = 0;
        while (position < headers.Length)
        {
            var header = ReadHeaderBounds(headers, ref position);
            var value = headers.Slice(header.ValueStart, header.ValueLength);
            object decoded = header.Type switch
            {
                EventStreamValueType.BoolTrue => true,
                EventStreamValueType.BoolFalse => false,
                EventStreamValueType.Byte => (sbyte)value[0],
                EventStreamValueType.Short => BinaryPrimitives.ReadInt16BigEndian(value),
                EventStreamValueType.Int => BinaryPrimitives.ReadInt32BigEndian(value),
                EventStreamValueType.Long => BinaryPrimitives.ReadInt64BigEndian(value),
                EventStreamValueType.Bytes => value.ToArray(),
                EventStreamValueType.String => EventStreamKnownStrings.Find(value) ?? DecodeUtf8(value),
                EventStreamValueType.Timestamp => DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(value)),
                _ => new Guid(value, bigEndian: true),
            };
            list.Add(new EventStreamHeader(DecodeUtf8(header.Name), header.Type, decoded));
        }

        return list;
    }

    private string? Text(ref HeaderSlot slot)
    {
        if (slot.Length < 0)
        {
            return null;
        }

        if (slot.Cached is null)
        {
            var utf8 = CurrentBuffer.AsSpan(_headersStart + slot.Start, slot.Length);
            slot.Cached = EventStreamKnownStrings.Find(utf8) ?? DecodeUtf8(utf8);
        }

        return slot.Cached;
    }

    private string DecodeUtf8(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException)
        {
            throw Fail(EventStreamErrorReason.BadHeader, "a header name or string value is not valid UTF-8");
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private void ConsumeCurrentFrame()
    {
        if (_frameLength != 0)
        {
            _dataStart += _frameLength;
            _dataStartOffset += _frameLength;
            _frameLength = 0;
        }

        if (_dataStart == _dataEnd)
        {
            _dataStart = _dataEnd = 0;
        }

        if (_rememberedLength < 0)
        {
            _known = KnownHeaders.Absent;
        }

        _headers = null;
        _payloadStart = _payloadLength = _headersStart = _headersLength = 0;
    }

    /// <summary>Ensures the buffer can hold <paramref name="needed"/> bytes from the current frame start, plus room to read.</summary>
    private void MakeRoomFor(int needed)
    {
        var buffer = CurrentBuffer;
        var buffered = _dataEnd - _dataStart;
        if (needed > buffer.Length || _growOnNextRead)
        {
            _growOnNextRead = false;
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, Math.Min(buffer.Length * 2, MaxFrameLength)));
            buffer.AsSpan(_dataStart, buffered).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(buffer);
            _buffer = larger;
        }
        else if (_dataStart + needed > buffer.Length || buffer.Length - _dataEnd < buffer.Length / 4)
        {
            // Moving the few buffered bytes down is cheaper than reading into a sliver of free space at the end.
            buffer.AsSpan(_dataStart, buffered).CopyTo(buffer);
        }
        else
        {
            return;
        }

        _dataStart = 0;
        _dataEnd = buffered;
    }

    private EventStreamException Fail(EventStreamErrorReason reason, string problem) =>
        new(reason, $"Invalid event-stream frame at byte {_dataStartOffset}: {problem}.");

    private void ReturnBuffer()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
            Interlocked.Decrement(ref _rentedBuffers);
        }
    }

    /// <summary>The first twelve bytes of a frame whose prelude CRC matched: its two lengths as read, and that CRC.</summary>
    private readonly struct VerifiedPrelude(ulong lengths, uint crc)
    {
        public readonly ulong Lengths = lengths;
        public readonly uint Crc = crc;
        public readonly bool IsSet = true;
    }

    /// <summary>Where the well-known string headers of a frame are, relative to its header block.</summary>
    private struct KnownHeaders
    {
        public static readonly KnownHeaders Absent = new()
        {
            MessageType = HeaderSlot.Absent,
            EventType = HeaderSlot.Absent,
            ExceptionType = HeaderSlot.Absent,
            ErrorCode = HeaderSlot.Absent,
            ErrorMessage = HeaderSlot.Absent,
            ContentType = HeaderSlot.Absent,
        };

        public HeaderSlot MessageType;
        public HeaderSlot EventType;
        public HeaderSlot ExceptionType;
        public HeaderSlot ErrorCode;
        public HeaderSlot ErrorMessage;
        public HeaderSlot ContentType;
    }

    private struct HeaderSlot(int start, int length)
    {
        public static readonly HeaderSlot Absent = new(0, -1);

        public readonly int Start = start;
        public readonly int Length = length;
        public string? Cached;
    }

    private readonly ref struct HeaderBounds(ReadOnlySpan<byte> name, EventStreamValueType type, int valueStart, int valueLength)
    {
        public readonly ReadOnlySpan<byte> Name = name;
        public readonly EventStreamValueType Type = type;
        public readonly int ValueStart = valueStart;
        public readonly int ValueLength = valueLength;
    }
}
