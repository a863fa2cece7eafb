using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace QuantumFlow.Benchmarks.Load;

/// <summary>
/// A small open-loop HTTP/1.1 load generator (what wrk2 does; Debian ships only wrk, which cannot pace): CONNECTIONS
/// keep-alive sockets share a fixed schedule of RATE GETs per second; each request's latency runs from its scheduled
/// time to the end of its response, so a stalled server is charged for the requests it delayed. Raw sockets and one
/// prepared request keep the generator's own cost far below HttpClient's on a machine it shares with the server.
/// </summary>
public static class PacedHttpLoad
{
    public sealed record Result(int Requests, int Errors, double Seconds, double[] SortedLatenciesMs);

    public static async Task<Result> RunAsync(Uri server, string path, int rate, int seconds, int connections)
    {
        byte[] request = Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {server.Authority}\r\nAccept: application/json\r\n\r\n");
        int total = rate * seconds;
        var latencies = new double[total];
        int errors = 0;
        long start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 10;
        double ticksPerRequest = (double)Stopwatch.Frequency / rate;

        async Task Connection(int c)
        {
            using var socket = new TcpClient { NoDelay = true };
            await socket.ConnectAsync(server.Host, server.Port);
            NetworkStream stream = socket.GetStream();
            var buffer = new byte[256 * 1024];
            for (int i = c; i < total; i += connections)
            {
                long due = start + (long)(i * ticksPerRequest);
                long wait = (due - Stopwatch.GetTimestamp()) * 1000 / Stopwatch.Frequency;
                if (wait > 1) await Task.Delay((int)wait);
                await stream.WriteAsync(request);
                if (!await ReadResponseAsync(stream, buffer)) Interlocked.Increment(ref errors);
                latencies[i] = Math.Max(0, (Stopwatch.GetTimestamp() - due) * 1e3 / Stopwatch.Frequency);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, connections).Select(Connection));
        double wall = (Stopwatch.GetTimestamp() - start) / (double)Stopwatch.Frequency;
        Array.Sort(latencies);
        return new Result(total, errors, wall, latencies);
    }

    /// <returns>true for a 200; reads exactly one response (Content-Length or chunked).</returns>
    private static async Task<bool> ReadResponseAsync(NetworkStream stream, byte[] buffer)
    {
        int filled = 0, headerEnd = -1;
        while (headerEnd < 0)
        {
            int n = await stream.ReadAsync(buffer.AsMemory(filled));
            if (n == 0) throw new IOException("the server closed the connection");
            filled += n;
            headerEnd = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8);
        }
        string headers = Encoding.ASCII.GetString(buffer, 0, headerEnd);
        bool ok = headers.StartsWith("HTTP/1.1 200", StringComparison.Ordinal);
        int bodyStart = headerEnd + 4;
        int length = ContentLength(headers);
        if (length >= 0)
        {
            while (filled - bodyStart < length) filled += await stream.ReadAsync(buffer.AsMemory(filled));
            return ok;
        }
        // Chunked: a response ends with the zero-length chunk.
        while (!buffer.AsSpan(bodyStart, filled - bodyStart).EndsWith("\r\n0\r\n\r\n"u8) && !(filled - bodyStart == 5 && buffer.AsSpan(bodyStart, 5).SequenceEqual("0\r\n\r\n"u8)))
            filled += await stream.ReadAsync(buffer.AsMemory(filled));
        return ok;
    }

    private static int ContentLength(string headers)
    {
        foreach (string line in headers.Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) return int.Parse(line.AsSpan(15).Trim());
        }
        return -1;
    }
}
