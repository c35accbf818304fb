using System.Buffers;

namespace Clawdbot.Sdk;

/// <summary>
/// Text appended piece by piece into character chunks rented from <see cref="ArrayPool{T}.Shared"/>; the pieces
/// themselves are not kept, and a full chunk is never copied.
/// </summary>
/// <remarks>
/// A stream keeps its answer text for <see cref="BedrockException.PartialResult"/> while every delta's string dies
/// young. A <see cref="System.Text.StringBuilder"/> keeps that text in small chunks born in generation 0, so nearly
/// every gen-0 collection of a long stream found survivors to copy and promote (on <c>clawdbot chat</c> with a
/// 500,000-delta answer, a tenth of the process's time); a buffer grown by doubling copies the text again at each step
/// and touches twice the memory it keeps. Here chunks double up to <see cref="LargestChunk"/> characters, large enough
/// to be allocated outside generation 0, and stay that size; they go back to the pool on <see cref="Dispose"/>.
/// </remarks>
internal sealed class PooledText : IDisposable
{
    private const int FirstChunk = 256;
    private const int LargestChunk = 64 * 1024;

    private static int _rentedBuffers;
    private readonly List<char[]> _full = [];
    private char[] _chunk = [];
    private int _used;
    private int _fullLength;

    /// <summary>
    /// Chunks rented and not returned yet, across the process: the load tests and the soak prove with it that every
    /// stream, broken ones included, returns what it rented.
    /// </summary>
    internal static int RentedBuffers => Volatile.Read(ref _rentedBuffers);

    public int Length => _fullLength + _used;

    public void Append(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        var rest = text.AsSpan();
        while (true)
        {
            var room = _chunk.Length - _used;
            if (rest.Length <= room)
            {
                rest.CopyTo(_chunk.AsSpan(_used));
                _used += rest.Length;
                return;
            }

            rest[..room].CopyTo(_chunk.AsSpan(_used));
            rest = rest[room..];
            _used += room;
            NextChunk();
        }
    }

    public override string ToString() => Length == 0 ? string.Empty : string.Create(Length, this, static (destination, text) =>
    {
        foreach (var chunk in text._full)
        {
            chunk.CopyTo(destination);
            destination = destination[chunk.Length..];
        }

        text._chunk.AsSpan(0, text._used).CopyTo(destination);
    });

    /// <summary>Returns the chunks to the pool; the text is empty afterwards and can be appended to again.</summary>
    public void Dispose()
    {
        foreach (var chunk in _full)
        {
            Return(chunk);
        }

        if (_chunk.Length > 0)
        {
            Return(_chunk);
        }

        _full.Clear();
        _chunk = [];
        _used = _fullLength = 0;
    }

    private void NextChunk()
    {
        if (_chunk.Length > 0)
        {
            // A full chunk holds exactly its length, so ToString copies whole chunks and the pooled array is kept as is.
            _full.Add(_chunk);
            _fullLength += _chunk.Length;
        }

        var size = Math.Min(LargestChunk, Math.Max(FirstChunk, _chunk.Length * 2));
        _chunk = ArrayPool<char>.Shared.Rent(size);
        _used = 0;
        Interlocked.Increment(ref _rentedBuffers);
    }

    private static void Return(char[] chunk)
    {
        ArrayPool<char>.Shared.Return(chunk);
        Interlocked.Decrement(ref _rentedBuffers);
    }
}
