using System.Numerics;
using System.Runtime.InteropServices;

namespace QuantumFlow.Models.Prediction.Neural;

/// <summary>
/// Encoded feature rows by content: a direct-mapped table keyed by the raw row's bits, the whole row compared on a hit,
/// so a hit returns exactly what encoding the row again would (a collision only costs a recomputation). Every window
/// of a book shares all but one row with the one before, so most of a window's rows are hits.
/// </summary>
internal sealed class RowEncodingCache
{
    private readonly int _rowWidth;
    private readonly int _encodedWidth;
    private readonly int _mask;
    private readonly double[] _rows;
    private readonly float[] _encoded;
    private readonly ulong[] _hashes;

    public RowEncodingCache(int capacity, int rowWidth, int encodedWidth)
    {
        if (capacity < 1 || !BitOperations.IsPow2(capacity)) throw new ArgumentException("capacity must be a power of two", nameof(capacity));
        _rowWidth = rowWidth;
        _encodedWidth = encodedWidth;
        _mask = capacity - 1;
        _rows = new double[capacity * rowWidth];
        _encoded = new float[capacity * encodedWidth];
        _hashes = new ulong[capacity];
    }

    public long Hits { get; private set; }
    public long Misses { get; private set; }

    /// <summary>The slot's encoding for <paramref name="row"/>: found (true) or to be written by the caller (false).</summary>
    public bool Lookup(ReadOnlySpan<double> row, out Span<float> encoded)
    {
        ulong hash = Hash(row) | 1; // 0 marks an empty slot
        int slot = (int)(hash & (ulong)_mask);
        Span<double> stored = _rows.AsSpan(slot * _rowWidth, _rowWidth);
        encoded = _encoded.AsSpan(slot * _encodedWidth, _encodedWidth);
        if (_hashes[slot] == hash && MemoryMarshal.AsBytes(stored).SequenceEqual(MemoryMarshal.AsBytes(row)))
        {
            Hits++;
            return true;
        }
        Misses++;
        _hashes[slot] = hash;
        row.CopyTo(stored);
        return false;
    }

    /// <summary>
    /// Every third value: rows of one book that differ at all almost always differ there (prices, sizes and flows move
    /// together), and a rare false match costs only the full comparison that follows.
    /// </summary>
    private static ulong Hash(ReadOnlySpan<double> row)
    {
        ReadOnlySpan<ulong> bits = MemoryMarshal.Cast<double, ulong>(row);
        ulong h = 0x9E3779B97F4A7C15 ^ (ulong)bits.Length;
        for (int i = 0; i < bits.Length; i += 3) h = BitOperations.RotateLeft((h ^ bits[i]) * 0xFF51AFD7ED558CCD, 29);
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53;
        return h ^ (h >> 33);
    }
}
