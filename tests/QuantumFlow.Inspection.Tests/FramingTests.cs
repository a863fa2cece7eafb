using System.Text;
using QuantumFlow.Inspection.Protocol;

namespace QuantumFlow.Inspection.Tests;

public sealed class FramingTests
{
    [Fact]
    public void Every_frame_survives_its_line_form()
    {
        InspectionFrame[] frames =
        [
            new HelloFrame(1, "akka.tcp://quantumflow@127.0.0.1:4053", "1.0"),
            new RunFrame(7, ["cluster", "leave", "-a", "akka.tcp://q@h:1"], "tok\"en"),
            new RunFrame(8, ["book", "list"], null),
            new CancelFrame(7),
            new NoteFrame(7, "line one\nline two"),
            new EndFrame(7, ExitCodes.Unauthorized, "wrong token"),
            new EndFrame(9, ExitCodes.Ok, null),
        ];
        foreach (InspectionFrame frame in frames)
        {
            string line = FrameCodec.Encode(frame);
            Assert.DoesNotContain('\n', line);
            InspectionFrame back = FrameCodec.Decode(line);
            Assert.Equal(frame.GetType(), back.GetType());
            Assert.Equal(FrameCodec.Encode(frame), FrameCodec.Encode(back));
        }
    }

    [Fact]
    public void Cells_keep_their_json_types()
    {
        var table = new TableFrame(3, "t", ["s", "long", "int", "double", "bool", "null", "enum"],
            [["text", 8803137100888861232L, 42, 0.5, true, null, DayOfWeek.Monday]]);
        var back = (TableFrame)FrameCodec.Decode(FrameCodec.Encode(table));
        Assert.Equal(["text", 8803137100888861232L, 42L, 0.5, true, null, "Monday"], back.Rows[0]);
        var row = (RowFrame)FrameCodec.Decode(FrameCodec.Encode(new RowFrame(3, ["a"], [double.NaN])));
        Assert.Equal("NaN", row.Values[0]);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"type\":\"teleport\",\"id\":1}")]
    [InlineData("{\"type\":\"run\",\"id\":1}")]
    [InlineData("{\"type\":\"run\",\"id\":\"one\",\"words\":[]}")]
    [InlineData("{\"type\":\"table\",\"id\":1,\"title\":\"t\",\"columns\":[],\"rows\":[[{}]]}")]
    public void Malformed_lines_are_protocol_errors(string line) =>
        Assert.Throws<InspectionProtocolException>(() => FrameCodec.Decode(line));

    [Fact]
    public async Task The_reader_splits_lines_across_reads_and_drops_carriage_returns()
    {
        string first = FrameCodec.Encode(new NoteFrame(1, new string('x', 40_000)));
        string second = FrameCodec.Encode(new EndFrame(1, 0, null));
        var stream = new TrickleStream(Encoding.UTF8.GetBytes(first + "\r\n" + second + "\n"), chunk: 1000);
        var reader = new FrameReader(stream);
        Assert.Equal(first, await reader.ReadLineAsync());
        Assert.IsType<EndFrame>(await reader.ReadFrameAsync());
        Assert.Null(await reader.ReadLineAsync());
    }

    [Fact]
    public async Task The_reader_refuses_an_endless_line_and_a_cut_one()
    {
        var endless = new FrameReader(new MemoryStream(new byte[10_000]), maxLineBytes: 4096);
        await Assert.ThrowsAsync<InspectionProtocolException>(() => endless.ReadLineAsync());
        var cut = new FrameReader(new MemoryStream("{\"type\":"u8.ToArray()));
        await Assert.ThrowsAsync<InspectionProtocolException>(() => cut.ReadLineAsync());
    }

    [Fact]
    public async Task The_writer_ends_each_frame_with_one_newline_even_from_many_tasks()
    {
        var stream = new MemoryStream();
        var writer = new FrameWriter(stream);
        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => writer.WriteAsync(new NoteFrame(i, new string('n', 5_000))))));
        stream.Position = 0;
        var reader = new FrameReader(stream);
        var ids = new List<long>();
        while (await reader.ReadFrameAsync() is { } frame) ids.Add(frame.Id);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), ids.Order());
    }

    /// <summary>Hands out at most <c>chunk</c> bytes per read, as a network stream may.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancel = default) =>
            base.ReadAsync(buffer[..Math.Min(chunk, buffer.Length)], cancel);
    }
}
