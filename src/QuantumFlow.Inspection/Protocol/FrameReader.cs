using System.Text;

namespace QuantumFlow.Inspection.Protocol;

/// <summary>
/// Reads newline-ended frames from a stream. A line longer than the limit is refused rather than buffered, so a client
/// that never sends a newline cannot make the node hold unbounded memory.
/// </summary>
public sealed class FrameReader(Stream stream, int maxLineBytes = FrameReader.DefaultMaxLineBytes)
{
    public const int DefaultMaxLineBytes = 4 * 1024 * 1024;

    private readonly byte[] _buffer = new byte[16 * 1024];
    private readonly MemoryStream _line = new();
    private int _start;
    private int _end;

    /// <returns>The next line without its newline (a trailing carriage return is dropped too); null at the end of the stream.</returns>
    /// <exception cref="InspectionProtocolException">a line over the limit, or a stream that ends in the middle of one.</exception>
    public async Task<string?> ReadLineAsync(CancellationToken cancel = default)
    {
        _line.SetLength(0);
        while (true)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = await stream.ReadAsync(_buffer, cancel);
                if (_end == 0)
                {
                    if (_line.Length == 0) return null;
                    throw new InspectionProtocolException("the connection closed in the middle of a frame");
                }
            }
            int newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            int take = (newline < 0 ? _end : newline) - _start;
            if (_line.Length + take > maxLineBytes) throw new InspectionProtocolException($"a frame is longer than {maxLineBytes} bytes");
            _line.Write(_buffer, _start, take);
            _start += take;
            if (newline < 0) continue;
            _start++; // past the newline
            int length = (int)_line.Length;
            byte[] bytes = _line.GetBuffer();
            if (length > 0 && bytes[length - 1] == '\r') length--;
            return Encoding.UTF8.GetString(bytes, 0, length);
        }
    }

    public async Task<InspectionFrame?> ReadFrameAsync(CancellationToken cancel = default) =>
        await ReadLineAsync(cancel) is { } line ? FrameCodec.Decode(line) : null;
}
