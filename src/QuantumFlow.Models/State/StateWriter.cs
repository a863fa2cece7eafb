using System.Runtime.InteropServices;

namespace QuantumFlow.Models.State;

/// <summary>
/// Writes the mutable state of a book's feature engine and predictor (<see cref="StateReader"/> reads it back into
/// objects built from the same options). Little-endian and exact: doubles keep every bit, so a restored predictor
/// answers as the one that was saved. Sections name what follows, so a reader out of step says where.
/// </summary>
public sealed class StateWriter
{
    private readonly BinaryWriter _w;

    public StateWriter(Stream stream) => _w = new BinaryWriter(stream);

    /// <summary>Marks the start of one component's state (checked by <see cref="StateReader.Begin"/>).</summary>
    public void Begin(string section) => _w.Write(section);

    public void Write(bool value) => _w.Write(value);
    public void Write(int value) => _w.Write(value);
    public void Write(long value) => _w.Write(value);
    public void Write(ulong value) => _w.Write(value);
    public void Write(double value) => _w.Write(value);
    public void Write(string value) => _w.Write(value);

    public void Write(ReadOnlySpan<double> values) => WriteSpan(values);
    public void Write(ReadOnlySpan<float> values) => WriteSpan(values);
    public void Write(ReadOnlySpan<long> values) => WriteSpan(values);
    public void Write(ReadOnlySpan<int> values) => WriteSpan(values);
    public void Write(ReadOnlySpan<byte> values) => WriteSpan(values);

    public void Flush() => _w.Flush();

    private void WriteSpan<T>(ReadOnlySpan<T> values) where T : unmanaged
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("state is written little-endian");
        _w.Write(values.Length);
        _w.Write(MemoryMarshal.AsBytes(values));
    }
}
