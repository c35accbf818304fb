namespace Clawdbot.Sdk;

/// <summary>
/// Hands out one string instance per distinct short key text, so that a document repeating a key
/// thousands of times allocates it once. A small direct-mapped table: a collision simply replaces the
/// older entry, which keeps lookups O(key length) and the table bounded.
/// </summary>
internal struct Json5KeyCache
{
    private const int MaxCachedLength = 32;
    private const int TableSize = 256;

    private string?[]? _entries;

    public string Get(string text, int start, int length)
    {
        if (length > MaxCachedLength)
        {
            return text.Substring(start, length);
        }

        var hash = (uint)length;
        for (var i = start; i < start + length; i++)
        {
            hash = (hash * 31) + text[i];
        }

        var entries = _entries ??= new string?[TableSize];
        var slot = (int)((hash ^ (hash >> 8) ^ (hash >> 16)) & (TableSize - 1));
        var cached = entries[slot];
        if (cached is not null && cached.Length == length && string.CompareOrdinal(cached, 0, text, start, length) == 0)
        {
            return cached;
        }

        var key = text.Substring(start, length);
        entries[slot] = key;
        return key;
    }
}
