using System.Text;
using CsCheck;
using QuantumFlow.Inspection.Protocol;

namespace QuantumFlow.Inspection.Tests;

/// <summary>
/// Issue 18: the inspection port reads whatever a client sends. Any line decodes to a frame or is an
/// <see cref="InspectionProtocolException"/>; any byte stream reads to lines or that exception; any run frame, with
/// any words and token, survives its line form.
/// </summary>
public sealed class FramingProperties
{
    public const int LineCases = 20_000, StreamCases = 5_000, RoundTripCases = 5_000;

    private static readonly string[] Valid =
    [
        FrameCodec.Encode(new RunFrame(7, ["cluster", "leave", "-a", "akka.tcp://q@h:1"], "tok\"en")),
        FrameCodec.Encode(new CancelFrame(7)),
        FrameCodec.Encode(new EndFrame(7, ExitCodes.Unauthorized, "wrong token")),
        FrameCodec.Encode(new HelloFrame(1, "node", "1.0")),
    ];

    [Fact]
    public void Any_line_decodes_or_is_a_protocol_error()
    {
        Gen<string> lines = Gen.OneOf(
            Gen.String,
            Gen.Select(Gen.Int[0, Valid.Length - 1], Gen.Int[0, 400], Gen.Char).Select((v, at, c) =>
            {
                string line = Valid[v];
                int i = at % line.Length;
                return line[..i] + c + line[(i + 1)..];
            }),
            Gen.Select(Gen.Int[0, Valid.Length - 1], Gen.Int[0, 400]).Select((v, at) => Valid[v][..(at % Valid[v].Length)]));
        lines.Sample(line =>
        {
            try
            {
                FrameCodec.Decode(line);
            }
            catch (InspectionProtocolException)
            {
                // The documented refusal: the connection answers it with a usage end frame.
            }
        }, iter: LineCases);
    }

    [Fact]
    public void Any_byte_stream_reads_to_frames_or_a_protocol_error()
    {
        Gen.Byte.Array[0, 2000].Sample(bytes =>
        {
            var reader = new FrameReader(new MemoryStream(bytes), maxLineBytes: 512);
            try
            {
                while (reader.ReadFrameAsync().GetAwaiter().GetResult() is not null) { }
            }
            catch (InspectionProtocolException)
            {
            }
        }, iter: StreamCases);
    }

    [Fact]
    public void Any_run_frame_survives_its_line_form()
    {
        // Text a terminal can hold: every UTF-16 unit but the surrogates (a lone one is no character to round-trip).
        Gen<string> text = Gen.Char['\0', '\uD7FF'].Array[0, 24].Select(a => new string(a));
        Gen.Select(Gen.Long[0, long.MaxValue], text.List[0, 8], Gen.Null(text, 0.3))
            .Sample((id, words, token) =>
            {
                string line = FrameCodec.Encode(new RunFrame(id, words, token));
                Assert.DoesNotContain('\n', line);
                var back = Assert.IsType<RunFrame>(FrameCodec.Decode(line));
                Assert.Equal(id, back.Id);
                Assert.Equal(words, back.Words);
                Assert.Equal(token, back.Token);
                Assert.True(Encoding.UTF8.GetByteCount(line) < FrameReader.DefaultMaxLineBytes);
            }, iter: RoundTripCases);
    }
}
