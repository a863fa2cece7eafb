using QuantumFlow.Models.Features;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Prediction.Live;

/// <summary>What a <see cref="HoldBackQueue"/> hands its owner, in journal order.</summary>
public interface IHoldBackOutlet
{
    /// <summary>
    /// A book update gave this feature vector: the one the predictor takes (now, or when it is released). The engine
    /// reuses the vector for the next update: copy what you keep.
    /// </summary>
    void OnFeatures(FeatureVector vector, bool replaying);

    /// <summary>A prediction waits for the batch models: ask each of them (slot order) about its window.</summary>
    void OnAsk(PendingPrediction pending);

    /// <summary>
    /// A prediction is complete; <paramref name="tag"/> is what the owner passed with the book event that made it,
    /// <paramref name="replaying"/> whether that event was replayed in recovery (made again, not new: not to publish).
    /// </summary>
    void OnPrediction(CompletedPrediction prediction, long tag, bool replaying);

    /// <summary>
    /// The state asked for by <see cref="HoldBackQueue.Checkpoint"/>, exactly after every event before the request;
    /// null when a prediction still waits for its batch models (the state cannot be captured then).
    /// </summary>
    void OnCheckpoint(long id, byte[]? state);

    /// <summary>Recovery started from a checkpoint: null when the predictor's state came back with it, else why not.</summary>
    void OnRestored(string? problem);
}

/// <summary>
/// A book's events on their way into its <see cref="BookPredictor"/> when the batch models answer asynchronously (a
/// node's model actors), keeping the predictions a pure function of the events (<see cref="EnsemblePredictor"/>'s
/// rule): each event is applied to the book and its feature engine as it comes, unless a feature vector is held
/// back. A vector is held when observing it would resolve the label of a prediction still waiting for its models
/// (models slower than the label horizon); every later event and checkpoint then queues here, in order, until
/// <see cref="Answer"/> completes that prediction, which releases the vector and then the queue up to the next vector
/// that must wait. In the common case (models answer within the horizon) nothing waits.
/// <para>
/// Its own queue rather than a mailbox stash: under a backlog the answers sit behind thousands of book events, and a
/// stash would move that whole backlog back to the mailbox at every release. Not thread-safe.
/// </para>
/// </summary>
public sealed class HoldBackQueue
{
    private readonly BookPredictor _book;
    private readonly IHoldBackOutlet _outlet;
    private readonly Queue<Input> _queued = new();
    private readonly Dictionary<long, (long Tag, bool Replaying)> _tags = new();
    private Held? _held;

    public HoldBackQueue(BookPredictor book, IHoldBackOutlet outlet)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(outlet);
        _book = book;
        _outlet = outlet;
    }

    /// <summary>A vector is held back, waiting for an answer.</summary>
    public bool IsHolding => _held is not null;

    /// <summary>Events and checkpoints queued behind the held vector, not yet applied to the book.</summary>
    public int Queued => _queued.Count;

    /// <summary>
    /// The book's next journaled event (<paramref name="replaying"/>: recovery; the prediction is made again, so
    /// learners and weights reach the state of a run that never stopped, and handed out marked as replayed);
    /// <paramref name="tag"/> comes back with the prediction it makes (the actor: when it received the event).
    /// </summary>
    public void Event(MarketEvent e, bool replaying, long tag)
    {
        ArgumentNullException.ThrowIfNull(e);
        Offer(new Input(e, null, null, 0, replaying, tag));
    }

    /// <summary>
    /// Recovery starts from this checkpoint and the predictor state saved with it (<see cref="BookPredictor.Restore(BookSnapshot, byte[])"/>);
    /// the outcome goes to <see cref="IHoldBackOutlet.OnRestored"/>.
    /// </summary>
    public void Restore(BookSnapshot checkpoint, byte[]? state)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        Offer(new Input(null, checkpoint, state, 0, false, 0));
    }

    /// <summary>Asks for the predictor's state after every event offered so far (answered through <see cref="IHoldBackOutlet.OnCheckpoint"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="id"/> is 0.</exception>
    public void Checkpoint(long id)
    {
        ArgumentOutOfRangeException.ThrowIfZero(id);
        Offer(new Input(null, null, null, id, false, 0));
    }

    /// <summary>
    /// A batch model's answer (<paramref name="batchSlot"/> indexes <see cref="BookPredictor.BatchModels"/>): completes
    /// its prediction when it was the last one missing, then releases what can go on.
    /// </summary>
    public void Answer(long sequence, int batchSlot, ClassProbabilities probabilities)
    {
        if (_book.Predictor.Complete(sequence, batchSlot, probabilities) is { } done)
        {
            _tags.Remove(done.Sequence, out (long Tag, bool Replaying) origin);
            _outlet.OnPrediction(done, origin.Tag, origin.Replaying);
        }
        Drain();
    }

    private void Offer(in Input input)
    {
        if (_held is not null || _queued.Count > 0) _queued.Enqueue(input);
        else Apply(input);
    }

    /// <summary>Releases the held vector once its label can be scored, then the queued input until a vector must wait again.</summary>
    private void Drain()
    {
        if (_held is { } held)
        {
            if (!_book.Predictor.CanObserve(held.Vector)) return;
            _held = null;
            Observe(held.Vector, held.Replaying, held.Tag);
        }
        while (_held is null && _queued.TryDequeue(out Input next)) Apply(next);
    }

    private void Apply(in Input input)
    {
        if (input.Checkpoint is { } checkpoint)
        {
            _tags.Clear();
            _outlet.OnRestored(_book.Restore(checkpoint, input.State));
            return;
        }
        if (input.CheckpointId != 0)
        {
            _outlet.OnCheckpoint(input.CheckpointId, _book.CanSaveState ? _book.SaveState() : null);
            return;
        }
        if (_book.Apply(input.Event!) is not { } vector) return;
        _outlet.OnFeatures(vector, input.Replaying);
        // Held as is: the engine's buffer stays untouched, since no later event is applied until it is released.
        if (!_book.Predictor.CanObserve(vector)) _held = new Held(vector, input.Replaying, input.Tag);
        else Observe(vector, input.Replaying, input.Tag);
    }

    private void Observe(FeatureVector vector, bool replaying, long tag)
    {
        if (_book.Predictor.Observe(vector) is not { } pending) return;
        if (pending.IsComplete)
        {
            _outlet.OnPrediction(_book.Predictor.Finish(pending), tag, replaying);
            return;
        }
        _tags[pending.Sequence] = (tag, replaying);
        _outlet.OnAsk(pending);
    }

    /// <summary>An event, a checkpoint to restore (with its state), or a request for the state (<see cref="CheckpointId"/> not 0).</summary>
    private readonly record struct Input(MarketEvent? Event, BookSnapshot? Checkpoint, byte[]? State, long CheckpointId, bool Replaying, long Tag);

    private sealed record Held(FeatureVector Vector, bool Replaying, long Tag);
}
