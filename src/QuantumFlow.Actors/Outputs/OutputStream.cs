using System.Threading.Channels;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;

namespace QuantumFlow.Actors.Outputs;

/// <summary>
/// A node-local consumer's view of published outputs: a bounded queue where the oldest item is dropped when the
/// consumer falls behind (latest value wins). Publishing never waits on a consumer, so a slow dashboard, API client
/// or terminal cannot slow the books; <see cref="Dropped"/> says how much a consumer missed.
/// </summary>
public sealed class OutputStream : IDisposable
{
    private readonly Channel<object> _channel;
    private readonly IActorRef _subscriber;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _received;
    private long _dropped;

    private OutputStream(ActorSystem system, IReadOnlyList<string> topics, int capacity)
    {
        _channel = Channel.CreateBounded<object>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = false, SingleWriter = true },
            _ => Interlocked.Increment(ref _dropped));
        _subscriber = system.ActorOf(Props.Create(() => new Subscriber(topics, this)));
    }

    /// <summary>Subscribes to <paramref name="topics"/> (see <see cref="Topics"/>) on this node.</summary>
    public static OutputStream Subscribe(ActorSystem system, IReadOnlyList<string> topics, int capacity = 1024) =>
        new(system, topics, capacity);

    public ChannelReader<object> Reader => _channel.Reader;

    /// <summary>Completes once every topic has acknowledged the subscription: publications after that reach this stream.</summary>
    public Task Ready => _ready.Task;
    public long Received => Interlocked.Read(ref _received);
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Dispose()
    {
        _subscriber.Tell(PoisonPill.Instance);
        _channel.Writer.TryComplete();
    }

    private void Offer(object message)
    {
        Interlocked.Increment(ref _received);
        _channel.Writer.TryWrite(message);
    }

    private sealed class Subscriber : ReceiveActor
    {
        private readonly IReadOnlyList<string> _topics;
        private readonly IActorRef _mediator = DistributedPubSub.Get(Context.System).Mediator;

        public Subscriber(IReadOnlyList<string> topics, OutputStream stream)
        {
            _topics = topics;
            int pending = topics.Count;
            if (pending == 0) stream._ready.TrySetResult();
            Receive<SubscribeAck>(_ =>
            {
                if (--pending == 0) stream._ready.TrySetResult();
            });
            Receive<UnsubscribeAck>(_ => { });
            ReceiveAny(stream.Offer);
        }

        protected override void PreStart()
        {
            foreach (string topic in _topics) _mediator.Tell(new Subscribe(topic, Self));
        }

        protected override void PostStop()
        {
            foreach (string topic in _topics) _mediator.Tell(new Unsubscribe(topic, Self));
        }
    }
}
