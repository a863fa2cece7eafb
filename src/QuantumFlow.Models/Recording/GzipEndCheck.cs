using System.Buffers.Binary;
using System.IO.Compression;

namespace QuantumFlow.Models.Recording;

/// <summary>
/// A gzip stream that notices a file cut short. .NET's <see cref="GZipStream"/> ends quietly at the end of a
/// truncated file, so the cut looks like one bad last line; here, at the end, the gzip trailer's ISIZE (the
/// uncompressed length mod 2^32, the file's last four bytes) must match what was read. Recordings are single-member
/// gzip files, as gzip and the recorders write them.
/// </summary>
internal sealed class GzipEndCheck(FileStream file, string name) : Stream
{
    private readonly GZipStream _gzip = new(file, CompressionMode.Decompress);
    private long _read;
    private bool _checked;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n;
        try
        {
            n = _gzip.Read(buffer);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{name}: corrupt gzip data after {_read} bytes ({e.Message})", e);
        }
        _read += n;
        if (n == 0 && buffer.Length > 0 && !_checked)
        {
            _checked = true;
            Check();
        }
        return n;
    }

    private void Check()
    {
        long length = file.Length;
        if (length < 18) throw new InvalidDataException($"{name}: the gzip file is cut short ({length} bytes; a gzip file has at least 18)");
        Span<byte> trailer = stackalloc byte[4];
        file.Position = length - 4;
        file.ReadExactly(trailer);
        uint size = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        if (size != (uint)_read)
            throw new InvalidDataException($"{name}: the gzip file is cut short (truncated): {_read} bytes decompressed, its trailer says {size} (mod 2^32)");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _gzip.Dispose();
        base.Dispose(disposing);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
