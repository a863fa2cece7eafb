using System.Runtime.InteropServices;

namespace QuantumFlow.Models.State;

/// <summary>
/// Reads what a <see cref="StateWriter"/> wrote, in the same order, into objects built from the same options. Any
/// disagreement (a section out of place, an array of another length, the end of the data) is an
/// <see cref="InvalidDataException"/> that names the section: the state belongs to another layout and must not be
/// half-applied (callers load into a fresh object and drop it on failure).
/// </summary>
public sealed class StateReader
{
    private readonly BinaryReader _r;
    private string _section = "(start)";

    public StateReader(Stream stream) => _r = new BinaryReader(stream);

    /// <exception cref="InvalidDataException">The next section is not <paramref name="section"/>.</exception>
    public void Begin(string section)
    {
        string found = Guard(() => _r.ReadString());
        if (found != section) throw new InvalidDataException($"predictor state: expected section '{section}' after '{_section}', found '{Printable(found)}'");
        _section = section;
    }

    public bool ReadBoolean() => Guard(_r.ReadBoolean);
    public int ReadInt32() => Guard(_r.ReadInt32);
    public long ReadInt64() => Guard(_r.ReadInt64);
    public ulong ReadUInt64() => Guard(_r.ReadUInt64);
    public double ReadDouble() => Guard(_r.ReadDouble);
    public string ReadString() => Guard(_r.ReadString);

    /// <summary>Fills <paramref name="destination"/>, whose length the state must have.</summary>
    public void ReadInto(Span<double> destination) => ReadSpan(destination);
    public void ReadInto(Span<float> destination) => ReadSpan(destination);
    public void ReadInto(Span<long> destination) => ReadSpan(destination);
    public void ReadInto(Span<int> destination) => ReadSpan(destination);
    public void ReadInto(Span<byte> destination) => ReadSpan(destination);

    /// <summary>An array of whatever length was written (for buffers that grow).</summary>
    public T[] ReadArray<T>() where T : unmanaged
    {
        int n = ReadInt32();
        if (n < 0 || n > (_r.BaseStream.Length - _r.BaseStream.Position) / Math.Max(1, Marshal.SizeOf<T>()))
            throw new InvalidDataException($"predictor state: section '{_section}' has an array of {n} values, more than the data holds");
        var values = new T[n];
        ReadBytes(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    /// <summary>Whether every byte was read (a longer state belongs to another layout).</summary>
    public bool AtEnd => _r.BaseStream.Position == _r.BaseStream.Length;

    private void ReadSpan<T>(Span<T> destination) where T : unmanaged
    {
        int n = ReadInt32();
        if (n != destination.Length)
            throw new InvalidDataException($"predictor state: section '{_section}' has {n} values where this configuration keeps {destination.Length}");
        ReadBytes(MemoryMarshal.AsBytes(destination));
    }

    private void ReadBytes(Span<byte> destination)
    {
        if (_r.BaseStream.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false) != destination.Length)
            throw new InvalidDataException($"predictor state: ends inside section '{_section}'");
    }

    private T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException or IOException)
        {
            throw new InvalidDataException($"predictor state: ends or breaks inside section '{_section}' ({e.Message})", e);
        }
    }

    private static string Printable(string s) => s.Length > 40 || s.Any(char.IsControl) ? "(not a section name)" : s;
}
