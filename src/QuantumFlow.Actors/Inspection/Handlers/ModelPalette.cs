using Akka.Actor;
using QuantumFlow.Actors.Prediction;
using QuantumFlow.Inspection.Commands;

namespace QuantumFlow.Actors.Inspection.Handlers;

/// <summary>
/// <c>model list</c>: the trained models this node runs, with how much they have scored and at what cost: the exported
/// networks every book follows in its own predictor (each prediction its own "batch" of one), and any batch model in
/// a node-local actor serving every book of the node. Online learners live inside each book's predictor: see
/// <c>ensemble weights</c>.
/// </summary>
public sealed class ModelPalette(InspectionContext context) : IPaletteHandler
{
    public static readonly string[] Columns = ["model", "version", "implementation", "window", "windows-scored", "batches", "mean-batch", "largest-batch", "failed-batches", "ms-per-window"];

    public string Palette => "model";

    public async Task<CommandOutcome> RunAsync(CommandInvocation call, IInspectionOutput output, CancellationToken cancel)
    {
        IReadOnlyList<IActorRef> hosted = ModelHosts.Get(context.System).Hosted;
        ModelStats?[] stats = await Task.WhenAll(hosted.Select(async a =>
        {
            try
            {
                return (ModelStats?)await a.Ask<ModelStats>(GetModelStats.Instance, context.AskTimeout, cancel);
            }
            catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
            {
                return null;
            }
        }));
        IEnumerable<ModelStats> followed = ModelHosts.Get(context.System).Followed.Select(m =>
        {
            (long predictions, TimeSpan busy) = m.Usage;
            return new ModelStats(m.Name, m.Version, $"{m.GetType().Name} (per book)", m.WindowLength, predictions, predictions,
                predictions == 0 ? 0 : 1, 0, predictions == 0 ? 0 : busy.TotalMilliseconds / predictions);
        });
        await output.TableAsync("models", Columns, stats.OfType<ModelStats>().Concat(followed).OrderBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => (IReadOnlyList<object?>)[s.Name, s.Version, s.Implementation, s.WindowLength, s.Requests, s.Batches,
                Math.Round(s.MeanBatch, 2), s.LargestBatch, s.FailedBatches, Math.Round(s.MeanMsPerWindow, 4)]).ToList());
        if (hosted.Count == 0 && ModelHosts.Get(context.System).Followed.Count == 0)
            await output.NoteAsync("no trained model runs on this node yet: models start with the first book predicting here (online learners only when no checkpoints were given)");
        int silent = stats.Count(s => s is null);
        return silent > 0 ? CommandOutcome.Failed($"{silent} model actor(s) did not answer") : CommandOutcome.Ok;
    }
}
