using System.Text;

namespace QuantumFlow.Inspection.Protocol;

/// <summary>Writes frames as lines; safe to call from several tasks (a tail's rows and its end frame come from different ones).</summary>
public sealed class FrameWriter(Stream stream)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task WriteAsync(InspectionFrame frame, CancellationToken cancel = default)
    {
        byte[] line = Encoding.UTF8.GetBytes(FrameCodec.Encode(frame) + "\n");
        await _gate.WaitAsync(cancel);
        try
        {
            await stream.WriteAsync(line, cancel);
            await stream.FlushAsync(cancel);
        }
        finally
        {
            _gate.Release();
        }
    }
}
