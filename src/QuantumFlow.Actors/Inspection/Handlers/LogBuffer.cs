using Akka.Actor;
using Akka.Event;

namespace QuantumFlow.Actors.Inspection.Handlers;

/// <summary>
/// Keeps this node's recent log entries for <c>log peek</c>: subscribed to every log event of the event stream, it
/// keeps those at or above the node's current level (<c>log set-level</c> changes that level).
/// </summary>
public sealed class LogBuffer : ReceiveActor
{
    public const string Name = "quantumflow-log";

    public sealed record Peek(int Count);
    public sealed record Entries(IReadOnlyList<LogEvent> Events);

    private readonly LogRing<LogEvent> _ring;

    public LogBuffer(int capacity)
    {
        _ring = new LogRing<LogEvent>(capacity);
        Receive<LogEvent>(e =>
        {
            if (e.LogLevel() >= Context.System.EventStream.LogLevel) _ring.Add(e);
        });
        Receive<Peek>(p => Sender.Tell(new Entries(_ring.Last(p.Count))));
    }

    public static Props Props(int capacity = 1_000) => Akka.Actor.Props.Create(() => new LogBuffer(capacity));

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(LogEvent));

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
}
