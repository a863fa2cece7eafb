using QuantumFlow.Models.Venues;

namespace QuantumFlow.Models.Recording;

/// <summary>Plays a recording through a <see cref="MarketDataSession"/>, as a live connection would feed it.</summary>
public sealed class RecordingPlayer
{
    private readonly IRecordingReader _reader;
    private readonly BadLineLog _badLines;

    public RecordingPlayer(IRecordingReader reader, MarketDataSession session, BadLinePolicy policy = BadLinePolicy.Skip)
    {
        if (reader.Venue != session.Venue) throw new ArgumentException($"recording is {reader.Venue}, session is {session.Venue}");
        _reader = reader;
        Session = session;
        _badLines = new BadLineLog(policy);
    }

    public MarketDataSession Session { get; }
    public long BadLines => _badLines.Count;
    /// <summary>The first few bad lines, with where they were and what was wrong.</summary>
    public List<string> BadLineSamples => _badLines.Samples;
    public long Payloads { get; private set; }

    /// <summary>Plays up to <paramref name="maxPayloads"/> payloads; false when the recording has ended.</summary>
    public bool Play(long maxPayloads = long.MaxValue)
    {
        for (long n = 0; n < maxPayloads; n++)
        {
            try
            {
                if (!_reader.TryRead(out RecordedPayload p)) return false;
                Payloads++;
                if (p.Kind == PayloadKind.Connected) Session.OnConnected();
                else Session.Process(p.Data, p.ReceiveTimeNs, p.Symbol);
            }
            catch (MarketDataException e)
            {
                _badLines.Record(e, _reader);
            }
        }
        return true;
    }
}
