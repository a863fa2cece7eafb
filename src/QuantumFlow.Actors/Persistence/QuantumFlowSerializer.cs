using Akka.Actor;
using System.Runtime.Serialization;
using Akka.Serialization;
using QuantumFlow.Actors.Books;
using QuantumFlow.Actors.Feeds.Common;
using QuantumFlow.Actors.Feeds.Replay;
using QuantumFlow.Actors.Features;
using QuantumFlow.Actors.Outputs;
using QuantumFlow.Actors.Prediction;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Prediction;

namespace QuantumFlow.Actors.Persistence;

/// <summary>
/// The explicit, versioned binary format of everything QuantumFlow journals or sends between nodes. Each type has a
/// short manifest that names its version ("D1" = book delta, version 1). A changed type gets a new manifest and a new
/// writer; the readers of every earlier manifest stay, so a journal written by any earlier version still replays
/// (see docs/ARCHITECTURE.md, "Journal format").
/// </summary>
public sealed class QuantumFlowSerializer : SerializerWithStringManifest
{
    public const int SerializerId = 4711;

    public QuantumFlowSerializer(ExtendedActorSystem system) : base(system) { }

    public override int Identifier => SerializerId;

    public override string Manifest(object o) => o switch
    {
        BookSnapshot => "S1",
        BookDelta => "D1",
        Trade => "T1",
        BestBidAsk => "Q1",
        FeedGap => "G1",
        JournalEntry => "J2",
        BookCheckpoint => "C3",
        Ingest => "I2",
        IngestAck => "A1",
        SnapshotNeeded => "N1",
        GetBook => "B1",
        BookView => "V1",
        BookTop => "O2",
        GetFeatures => "R1",
        NoFeatures => "Z1",
        FeatureSnapshot => "F1",
        GetPrediction => "K1",
        NoPrediction => "X2",
        PredictionEvent => "P2",
        ReplayProgress => "U1",
        GetFeedStatus => "W1",
        FeedStatus => "Y1",
        _ => throw new ArgumentException($"{o.GetType()} is not serialized by {nameof(QuantumFlowSerializer)}"),
    };

    public override byte[] ToBinary(object obj)
    {
        using var stream = new MemoryStream(256);
        using (var w = new BinaryWriter(stream))
        {
            Write(w, obj);
        }
        return stream.ToArray();
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        using var r = new BinaryReader(new MemoryStream(bytes, writable: false));
        return Read(r, manifest);
    }

    private void Write(BinaryWriter w, object obj)
    {
        switch (obj)
        {
            case MarketEvent e: WriteEvent(w, e); break;
            case JournalEntry j:
                w.Write(j.FeedRun); w.Write(j.Seq); w.Write(j.LastEvent); w.Write(j.Events.Count);
                foreach (MarketEvent e in j.Events) WriteTypedEvent(w, e);
                break;
            case BookCheckpoint c:
                w.Write(c.FeedRun); w.Write(c.Seq); w.Write(c.LastEvent); w.Write(c.EventsJournaled);
                WriteEvent(w, c.Book);
                w.Write(c.Pipeline is not null);
                if (c.Pipeline is not null)
                {
                    w.Write(c.Pipeline.Length);
                    w.Write(c.Pipeline);
                }
                break;
            case Ingest i:
                w.Write(i.EntityId); w.Write(i.FeedRun); w.Write(i.Seq); w.Write(i.FirstEvent); w.Write(i.Events.Count);
                foreach (MarketEvent e in i.Events) WriteTypedEvent(w, e);
                break;
            case IngestAck a: w.Write(a.EntityId); w.Write(a.FeedRun); w.Write(a.Seq); break;
            case SnapshotNeeded n: w.Write(n.EntityId); w.Write((byte)n.Venue); w.Write(n.Symbol); w.Write(n.Reason); break;
            case GetBook g: w.Write(g.EntityId); w.Write(g.Depth); break;
            case BookView v:
                w.Write(v.EntityId); w.Write(v.State); w.Write(v.IsValid); w.Write(v.LastUpdateId); w.Write(v.ExchangeTimeNs);
                w.Write(v.ReceiveTimeNs); w.Write(v.EventsJournaled); w.Write(v.Resyncs); WriteNullable(w, v.LastProblem);
                WriteLevels(w, v.Bids); WriteLevels(w, v.Asks);
                break;
            case BookTop t:
                w.Write(t.EntityId); w.Write(t.IsValid); w.Write(t.LastUpdateId); w.Write(t.ExchangeTimeNs); w.Write(t.ReceiveTimeNs);
                WriteLevels(w, t.Bids); WriteLevels(w, t.Asks); w.Write(t.IsStale);
                break;
            case GetFeatures g: w.Write(g.EntityId); break;
            case NoFeatures n: w.Write(n.EntityId); break;
            case FeatureSnapshot f:
                w.Write(f.EntityId); w.Write(f.Sequence); w.Write(f.TimeNs); w.Write(f.ExchangeTimeNs); w.Write(f.ReceiveTimeNs);
                w.Write(f.Names.Count);
                for (int i = 0; i < f.Names.Count; i++)
                {
                    w.Write(f.Names[i]); w.Write(f.Values[i]);
                }
                break;
            case GetPrediction g: w.Write(g.EntityId); break;
            case NoPrediction n: w.Write(n.EntityId); WriteNullable(w, n.Reason); break;
            case PredictionEvent p:
                w.Write(p.EntityId); w.Write(p.Sequence); w.Write(p.TimeNs); w.Write(p.ReceiveTimeNs);
                w.Write(p.Models.Count);
                foreach (ModelOutput m in p.Models)
                {
                    w.Write(m.Name); w.Write(m.Version); w.Write(m.Weight); w.Write(m.Down); w.Write(m.Flat); w.Write(m.Up);
                }
                w.Write(p.Down); w.Write(p.Flat); w.Write(p.Up); w.Write((byte)p.Predicted); w.Write(p.Confidence); w.Write(p.LatencyNs);
                w.Write(p.Resolved.Length);
                foreach (Label l in p.Resolved)
                {
                    w.Write(l.Sequence); w.Write(l.TimeNs); w.Write((byte)l.Class); w.Write(l.ReturnBps); w.Write(l.ThresholdBps); w.Write(l.FutureMid);
                }
                break;
            case ReplayProgress u:
                w.Write(u.Pass); w.Write(u.Payloads); w.Write(u.FeedRun); w.Write(u.Symbols.Count);
                foreach (string symbol in u.Symbols) w.Write(symbol);
                w.Write(u.Finished);
                break;
            case GetFeedStatus: break;
            case FeedStatus f: WriteFeedStatus(w, f); break;
            default:
                throw new ArgumentException($"{obj.GetType()} is not serialized by {nameof(QuantumFlowSerializer)}");
        }
    }

    private object Read(BinaryReader r, string manifest) => manifest switch
    {
        "S1" or "D1" or "T1" or "Q1" or "G1" => ReadEvent(r, manifest),
        // J1 and C1: written before feed events were numbered; no feed run of theirs can deliver again.
        "J1" => new JournalEntry(r.ReadInt64(), r.ReadInt64(), 0, ReadTypedEvents(r)),
        "J2" => new JournalEntry(r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), ReadTypedEvents(r)),
        "C1" => new BookCheckpoint(r.ReadInt64(), r.ReadInt64(), 0, r.ReadInt64(), (BookSnapshot)ReadEvent(r, "S1")),
        // C2: written before a checkpoint carried its pipeline's state; that pipeline starts from the book alone.
        "C2" => new BookCheckpoint(r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), (BookSnapshot)ReadEvent(r, "S1")),
        "C3" => new BookCheckpoint(r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), (BookSnapshot)ReadEvent(r, "S1"),
            r.ReadBoolean() ? r.ReadBytes(r.ReadInt32()) : null),
        "I2" => ReadIngest(r),
        "A1" => new IngestAck(r.ReadString(), r.ReadInt64(), r.ReadInt64()),
        "N1" => new SnapshotNeeded(r.ReadString(), (Venue)r.ReadByte(), r.ReadString(), r.ReadString()),
        "B1" => new GetBook(r.ReadString(), r.ReadInt32()),
        "V1" => new BookView(r.ReadString(), r.ReadString(), r.ReadBoolean(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(),
            r.ReadInt64(), r.ReadInt32(), ReadNullable(r), ReadLevels(r), ReadLevels(r)),
        // Sent between nodes only (never journaled): no earlier manifest to keep.
        "O2" => new BookTop(r.ReadString(), r.ReadBoolean(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), ReadLevels(r), ReadLevels(r)) { IsStale = r.ReadBoolean() },
        "R1" => new GetFeatures(r.ReadString()),
        "Z1" => new NoFeatures(r.ReadString()),
        "F1" => ReadFeatures(r),
        "K1" => new GetPrediction(r.ReadString()),
        "X2" => new NoPrediction(r.ReadString()) { Reason = ReadNullable(r) },
        "P2" => ReadPrediction(r),
        "U1" => new ReplayProgress(r.ReadInt32(), r.ReadInt64(), r.ReadInt64(), Enumerable.Range(0, r.ReadInt32()).Select(_ => r.ReadString()).ToArray(), r.ReadBoolean()),
        "W1" => GetFeedStatus.Instance,
        "Y1" => ReadFeedStatus(r),
        _ => throw new SerializationException($"unknown manifest '{manifest}' for {nameof(QuantumFlowSerializer)}"),
    };

    private static FeatureSnapshot ReadFeatures(BinaryReader r)
    {
        string id = r.ReadString();
        long seq = r.ReadInt64(), t = r.ReadInt64(), ex = r.ReadInt64(), rx = r.ReadInt64();
        int n = r.ReadInt32();
        var names = new string[n];
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            names[i] = string.Intern(r.ReadString());
            values[i] = r.ReadDouble();
        }
        return new FeatureSnapshot(id, seq, t, ex, rx, names, values);
    }

    private static PredictionEvent ReadPrediction(BinaryReader r)
    {
        string id = r.ReadString();
        long seq = r.ReadInt64(), t = r.ReadInt64(), rx = r.ReadInt64();
        var models = new ModelOutput[r.ReadInt32()];
        for (int i = 0; i < models.Length; i++)
        {
            models[i] = new ModelOutput(string.Intern(r.ReadString()), string.Intern(r.ReadString()), r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble());
        }
        var prediction = new PredictionEvent(id, seq, t, rx, models, r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), (LabelClass)r.ReadByte(), r.ReadDouble(), r.ReadInt64());
        var resolved = new Label[r.ReadInt32()];
        for (int i = 0; i < resolved.Length; i++)
            resolved[i] = new Label(r.ReadInt64(), r.ReadInt64(), (LabelClass)r.ReadByte(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble());
        return resolved.Length == 0 ? prediction : prediction with { Resolved = [.. resolved] };
    }

    private static Ingest ReadIngest(BinaryReader r) => new(r.ReadString(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), ReadTypedEvents(r));

    private static MarketEvent[] ReadTypedEvents(BinaryReader r)
    {
        var events = new MarketEvent[r.ReadInt32()];
        for (int i = 0; i < events.Length; i++) events[i] = ReadTypedEvent(r);
        return events;
    }

    private void WriteTypedEvent(BinaryWriter w, MarketEvent e)
    {
        w.Write(Manifest(e));
        WriteEvent(w, e);
    }

    private static MarketEvent ReadTypedEvent(BinaryReader r) => ReadEvent(r, r.ReadString());

    private static void WriteEvent(BinaryWriter w, MarketEvent e)
    {
        w.Write((byte)e.Venue); w.Write(e.Symbol); w.Write(e.ExchangeTimeNs); w.Write(e.ReceiveTimeNs);
        switch (e)
        {
            case BookSnapshot s: w.Write(s.UpdateId); WriteLevels(w, s.Levels); break;
            case BookDelta d: w.Write(d.FirstUpdateId); w.Write(d.LastUpdateId); w.Write(d.PrevUpdateId); WriteLevels(w, d.Levels); break;
            case Trade t: w.Write(t.TradeId); w.Write(t.Price.Raw); w.Write(t.Quantity.Raw); w.Write((byte)t.Aggressor); break;
            case BestBidAsk q: w.Write(q.UpdateId); w.Write(q.BidPrice.Raw); w.Write(q.BidQuantity.Raw); w.Write(q.AskPrice.Raw); w.Write(q.AskQuantity.Raw); break;
            case FeedGap g: w.Write(g.Reason); break;
            default: throw new ArgumentException($"unknown market event {e.GetType()}");
        }
    }

    private static MarketEvent ReadEvent(BinaryReader r, string manifest)
    {
        var venue = (Venue)r.ReadByte();
        string symbol = r.ReadString();
        long ex = r.ReadInt64(), rx = r.ReadInt64();
        return manifest switch
        {
            "S1" => new BookSnapshot(venue, symbol, ex, rx, r.ReadInt64(), ReadLevels(r)),
            "D1" => new BookDelta(venue, symbol, ex, rx, r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), ReadLevels(r)),
            "T1" => new Trade(venue, symbol, ex, rx, r.ReadInt64(), new Price(r.ReadInt64()), new Quantity(r.ReadInt64()), (Side)r.ReadByte()),
            "Q1" => new BestBidAsk(venue, symbol, ex, rx, r.ReadInt64(), new Price(r.ReadInt64()), new Quantity(r.ReadInt64()), new Price(r.ReadInt64()), new Quantity(r.ReadInt64())),
            "G1" => new FeedGap(venue, symbol, ex, rx, r.ReadString()),
            _ => throw new SerializationException($"unknown market event manifest '{manifest}'"),
        };
    }

    private static void WriteLevels(BinaryWriter w, IReadOnlyList<LevelUpdate> levels)
    {
        w.Write(levels.Count);
        foreach (LevelUpdate l in levels)
        {
            w.Write((byte)l.Side); w.Write(l.Price.Raw); w.Write(l.Quantity.Raw);
        }
    }

    private static LevelUpdate[] ReadLevels(BinaryReader r)
    {
        var levels = new LevelUpdate[r.ReadInt32()];
        for (int i = 0; i < levels.Length; i++) levels[i] = new LevelUpdate((Side)r.ReadByte(), new Price(r.ReadInt64()), new Quantity(r.ReadInt64()));
        return levels;
    }

    // `pbm feed status` asks every feed of the cluster, on whichever node it runs.
    private static void WriteFeedStatus(BinaryWriter w, FeedStatus f)
    {
        w.Write((byte)f.Venue); w.Write((byte)f.State); w.Write(f.FeedRun); w.Write(f.Connects); w.Write(f.Reconnects);
        w.Write(f.Messages); w.Write(f.BadMessages); w.Write(f.SnapshotsFetched); w.Write(f.Resends); WriteNullable(w, f.LastError);
        w.Write(f.Books.Count);
        foreach (BookBacklog b in f.Books)
        {
            w.Write(b.EntityId); w.Write(b.Backlog); w.Write(b.InFlight); w.Write(b.Dropped); w.Write(b.Events); w.Write(b.Acknowledged);
        }
        WriteNullable(w, f.Position);
    }

    private static FeedStatus ReadFeedStatus(BinaryReader r)
    {
        var venue = (Venue)r.ReadByte();
        var state = (FeedState)r.ReadByte();
        long feedRun = r.ReadInt64();
        int connects = r.ReadInt32(), reconnects = r.ReadInt32();
        long messages = r.ReadInt64(), bad = r.ReadInt64(), snapshots = r.ReadInt64(), resends = r.ReadInt64();
        string? lastError = ReadNullable(r);
        var books = Enumerable.Range(0, r.ReadInt32())
            .Select(_ => new BookBacklog(r.ReadString(), r.ReadInt32(), r.ReadBoolean(), r.ReadInt64()) { Events = r.ReadInt64(), Acknowledged = r.ReadInt64() })
            .ToList();
        return new FeedStatus(venue, state, feedRun, connects, reconnects, messages, bad, snapshots, resends, lastError, books) { Position = ReadNullable(r) };
    }

    private static void WriteNullable(BinaryWriter w, string? s)
    {
        w.Write(s is not null);
        if (s is not null) w.Write(s);
    }

    private static string? ReadNullable(BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;
}
