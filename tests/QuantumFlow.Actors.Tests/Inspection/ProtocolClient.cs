using System.Net;
using System.Net.Sockets;
using QuantumFlow.Inspection.Commands;
using QuantumFlow.Inspection.Protocol;

namespace QuantumFlow.Actors.Tests.Inspection;

/// <summary>A bare client of the inspection protocol for tests of the server side (the real client lives in the Host project).</summary>
public sealed class ProtocolClient : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly FrameReader _reader;
    private readonly FrameWriter _writer;
    private long _id;

    private ProtocolClient(TcpClient tcp, HelloFrame hello)
    {
        _tcp = tcp;
        Hello = hello;
        _reader = new FrameReader(tcp.GetStream());
        _writer = new FrameWriter(tcp.GetStream());
    }

    public HelloFrame Hello { get; }

    public static async Task<ProtocolClient> ConnectAsync(IPEndPoint endpoint)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(endpoint).WaitAsync(TimeSpan.FromSeconds(10));
        var hello = (HelloFrame)(await new FrameReader(tcp.GetStream()).ReadFrameAsync().WaitAsync(TimeSpan.FromSeconds(10)))!;
        return new ProtocolClient(tcp, hello);
    }

    /// <summary>Runs a command and collects its frames up to its end frame.</summary>
    public async Task<Answer> RunAsync(string line, string? token = null, TimeSpan? timeout = null)
    {
        long id = await SendAsync(line, token);
        var answer = new Answer();
        while (true)
        {
            InspectionFrame frame = await NextAsync(timeout ?? TimeSpan.FromSeconds(30));
            Assert.Equal(id, frame.Id);
            if (frame is EndFrame end)
            {
                answer.End = end;
                return answer;
            }
            answer.Frames.Add(frame);
        }
    }

    public async Task<long> SendAsync(string line, string? token = null)
    {
        long id = ++_id;
        await _writer.WriteAsync(new RunFrame(id, CommandParser.Split(line), token));
        return id;
    }

    public Task CancelAsync(long id) => _writer.WriteAsync(new CancelFrame(id));

    public async Task<InspectionFrame> NextAsync(TimeSpan timeout) =>
        await _reader.ReadFrameAsync().WaitAsync(timeout) ?? throw new IOException("the server closed the connection");

    public ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }

    public sealed class Answer
    {
        public List<InspectionFrame> Frames { get; } = new();
        public EndFrame End { get; set; } = null!;

        public TableFrame Table(string title) =>
            Frames.OfType<TableFrame>().SingleOrDefault(t => t.Title == title)
            ?? throw new Xunit.Sdk.XunitException($"no table '{title}' in the answer: exit {End?.Exit}, error '{End?.Error}', " +
                                                  $"frames {string.Join(", ", Frames.Select(f => f.GetType().Name))}, notes {string.Join(" | ", Notes)}");

        public IEnumerable<string> Notes => Frames.OfType<NoteFrame>().Select(n => n.Text);

        /// <summary>A table's rows as column-keyed dictionaries.</summary>
        public List<Dictionary<string, object?>> Rows(string title)
        {
            TableFrame t = Table(title);
            return t.Rows.Select(r => t.Columns.Select((c, i) => (c, r[i])).ToDictionary(p => p.c, p => p.Item2)).ToList();
        }
    }
}
