using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace QuantumFlow.Models.Prediction.Neural.Checkpoints;

/// <summary>
/// Reads the .weights files TorchSharp's <c>Module.save</c> writes, without torch: the number of tensors, then per
/// tensor its name (a .NET BinaryWriter string: 7-bit length, UTF-8), element type, rank, each dimension (all LEB128)
/// and the raw little-endian values. Only float32 tensors are read (the networks hold nothing else). Every count is
/// checked against the bytes left before anything is allocated, so a truncated or foreign file is one clear error.
/// </summary>
public static class StateDictFile
{
    /// <summary>TorchSharp's ScalarType code of float32.</summary>
    private const long Float32 = 6;

    private const int MaxRank = 8;

    /// <exception cref="InvalidDataException">truncated, trailing bytes, or not a state dict (the file and offset named)</exception>
    public static StateDict Read(string path) => Read(File.ReadAllBytes(path), path);

    public static StateDict Read(ReadOnlySpan<byte> bytes, string source)
    {
        var cursor = new Cursor(bytes, source);
        var dict = new StateDict(source);
        long count = cursor.Leb128("the tensor count");
        // Each tensor takes at least four bytes (name length, type, rank, one name byte): a larger count is not a count.
        if (count < 1 || count > bytes.Length / 4) throw cursor.Error($"says it holds {count} tensors; not a TorchSharp state dict");
        for (long i = 0; i < count; i++)
        {
            string name = cursor.Name(i);
            long type = cursor.Leb128($"the element type of '{name}'");
            if (type != Float32)
            {
                throw cursor.Error(TypeName(type) is { } known
                    ? $"tensor '{name}' has element type {known}; only float32 weights are read"
                    : $"tensor '{name}' has no known element type (code {type}); not a TorchSharp state dict");
            }
            long rank = cursor.Leb128($"the rank of '{name}'");
            if (rank > MaxRank) throw cursor.Error($"tensor '{name}' has rank {rank}; not a network weight");
            var shape = new int[rank];
            long elements = 1;
            for (int d = 0; d < rank; d++)
            {
                long size = cursor.Leb128($"dimension {d} of '{name}'");
                // Checked before the product grows: both factors stay below 2^31, so it cannot overflow.
                if (size > int.MaxValue || (elements *= size) * sizeof(float) > cursor.Remaining)
                    throw cursor.Error($"tensor '{name}' needs more values than the {cursor.Remaining} bytes left (the file is cut short or not a state dict)");
                shape[d] = (int)size;
            }
            dict.Add(new StoredTensor(name, shape, cursor.Floats((int)elements, name)));
        }
        if (cursor.Remaining > 0) throw cursor.Error($"{cursor.Remaining} bytes after the last of {count} tensors; not a single state dict");
        return dict;
    }

    /// <summary>TorchSharp's ScalarType names of the codes it writes, null for a code it never writes.</summary>
    private static string? TypeName(long code) => code switch
    {
        0 => "uint8", 1 => "int8", 2 => "int16", 3 => "int32", 4 => "int64", 5 => "float16", 7 => "float64", 9 => "complex64",
        10 => "complex128", 11 => "bool", 15 => "bfloat16",
        _ => null,
    };

    private ref struct Cursor(ReadOnlySpan<byte> bytes, string source)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;
        private int _at;

        public readonly long Remaining => _bytes.Length - _at;

        public readonly InvalidDataException Error(string what) => new($"{source}: at byte {_at}: {what}");

        public long Leb128(string what)
        {
            long value = 0;
            for (int shift = 0; ; shift += 7)
            {
                if (_at >= _bytes.Length) throw Error($"the file ends inside {what} (cut short?)");
                if (shift > 56) throw Error($"{what} is not a number; not a TorchSharp state dict");
                byte b = _bytes[_at++];
                value |= (long)(b & 0x7f) << shift;
                if ((b & 0x80) == 0) return value;
            }
        }

        public string Name(long index)
        {
            long length = Leb128($"the name of tensor {index + 1}");
            if (length == 0 || length > 1024) throw Error($"tensor {index + 1} has a name of {length} bytes; not a TorchSharp state dict");
            if (length > Remaining) throw Error($"the file ends inside the name of tensor {index + 1} (cut short?)");
            ReadOnlySpan<byte> raw = _bytes.Slice(_at, (int)length);
            string name;
            try
            {
                name = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(raw);
            }
            catch (DecoderFallbackException)
            {
                throw Error($"the name of tensor {index + 1} is not UTF-8; not a TorchSharp state dict");
            }
            _at += (int)length;
            return name;
        }

        public float[] Floats(int count, string name)
        {
            int bytes = count * sizeof(float);
            if (bytes > Remaining) throw Error($"the file ends inside the values of '{name}' (cut short?)");
            var values = new float[count];
            ReadOnlySpan<byte> raw = _bytes.Slice(_at, bytes);
            if (BitConverter.IsLittleEndian) raw.CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
            else
            {
                for (int i = 0; i < count; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(raw[(i * sizeof(float))..]);
            }
            _at += bytes;
            return values;
        }
    }
}
