using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Prediction.Training;
using QuantumFlow.Models.Torch.Training;
using QuantumFlow.Tests.Support;

namespace QuantumFlow.Models.Torch.Tests.Training;

/// <summary>The trainer without the train verb around it (the verb's own tests are in QuantumFlow.Host.Tests).</summary>
public sealed class ModelTrainerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qf-trainer-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_trainer_stopped_by_a_signal_stops_before_the_next_trial_with_nothing_saved()
    {
        string models = Path.Combine(_dir, "stopped");
        List<SessionRows> sessions = TrainingSessions.Load([TestRepository.Shared("binance-hftbacktest/usdm/ethusdt_20240718.gz")], LabelOptions.Trading);
        var trainer = new ModelTrainer(new TrainSettings { OutDirectory = models, Trials = 1, Epochs = 1 }, _ => { });
        Assert.ThrowsAny<OperationCanceledException>(() => trainer.Run(sessions, cancellationToken: new CancellationToken(canceled: true)));
        Assert.False(Directory.Exists(models) && Directory.EnumerateFiles(models).Any());
    }
}
