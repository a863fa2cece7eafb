using System.CommandLine;
using System.Text.Json;
using QuantumFlow.Host.Cli;
using QuantumFlow.Models.Prediction.Neural.Checkpoints;
using QuantumFlow.Tests.Support;

namespace QuantumFlow.Training.Tests;

/// <summary>
/// quantumflow-train and the node's evaluate verb end to end on one real session, kept tiny (one model, one trial, two
/// epochs): what the training tool writes, the node reads without torch.
/// </summary>
public sealed class TrainEvaluateVerbTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qf-train-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Shared(string relative) => TestRepository.Shared(relative);

    [Fact]
    public void Train_writes_a_complete_checkpoint_and_evaluate_scores_it_against_the_baselines_on_held_out_rows_only()
    {
        string[] data = [Shared("binance-hftbacktest/usdm/ethusdt_20240718.gz"), Shared("binance-hftbacktest/usdm/ethusdt_20240719.gz")];
        string models = Path.Combine(_dir, "models");
        int trained = TrainingTool.Root().Parse(["--data", .. data, "--out", models, "--models", "lstm", "--trials", "1", "--epochs", "2", "--horizon", "30", "--horizon-unit", "events", "--threshold-mode", "fixed", "--threshold-bps", "1", "--window", "8"]).Invoke();
        Assert.Equal(0, trained);

        NetworkCheckpoint checkpoint = NetworkCheckpoint.Read(NetworkCheckpoint.JsonPath(models, "lstm"));
        Assert.True(File.Exists(NetworkCheckpoint.WeightsPath(models, "lstm")));
        Models.Prediction.Logistic.LogisticMember logistic = Models.Prediction.Logistic.LogisticMember.Load(models)!; // fit beside the networks
        Assert.Equal(checkpoint.Label, logistic.Label);
        Assert.Equal(3 * (logistic.Scaler.Count + 1), logistic.Weights.Length);
        Assert.Contains("temperature", checkpoint.Notes.Keys); // calibrated on validation
        Assert.Equal((30L, 1.0, 8), (checkpoint.Horizon, checkpoint.ThresholdBps, checkpoint.WindowLength));
        Assert.Equal(checkpoint.Features.Length, checkpoint.Means.Length);
        Assert.Equal(checkpoint.Features.Length, checkpoint.Shape.Inputs);
        Assert.DoesNotContain("mid_price", checkpoint.Features);
        Assert.Contains("cks_ofi_L5_norm_50", checkpoint.Features);
        Assert.True(checkpoint.Stds.Count(s => s > 0) > checkpoint.Features.Length / 2);

        string report = Path.Combine(_dir, "report.json");
        string charts = Path.Combine(_dir, "charts");
        Assert.Equal(0, new RootCommand { EvaluateCommand.Create() }.Parse(["evaluate", "--models", models, "--data", .. data, "--out", report, "--png", charts]).Invoke());
        Assert.All(new[] { "scores.png", "reliability.png" }, f => Assert.True(new FileInfo(Path.Combine(charts, f)).Length > 1_000, f));
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(report));
        // The label scored is the checkpoint's; the two days of one capture are one session and market.
        Assert.Contains("horizon 30 events, threshold 1 bps", json.RootElement.GetProperty("Label").GetString());
        JsonElement[] markets = [.. json.RootElement.GetProperty("Markets").EnumerateArray()];
        Assert.Equal("ethusdt_20240718.gz+ethusdt_20240719.gz binance-usdm:ETHUSDT", Assert.Single(markets).GetProperty("Market").GetString());
        int examples = json.RootElement.GetProperty("Examples").GetInt32();
        Assert.Equal(examples, markets.Sum(m => m.GetProperty("Examples").GetInt32()));
        Assert.InRange(examples, 100, 20_000); // the last 15 % of each session: never the training rows
        string[] names = [.. json.RootElement.GetProperty("Pooled").EnumerateArray().Select(m => m.GetProperty("Model").GetString()!)];
        Assert.Equal(["bayes-state", "dirichlet", "logistic", "lstm", "ensemble"], names);
        foreach (JsonElement m in json.RootElement.GetProperty("Pooled").EnumerateArray())
        {
            JsonElement r = m.GetProperty("Report");
            Assert.Equal(examples, r.GetProperty("Count").GetInt32());
            Assert.Equal(examples, r.GetProperty("Confusion").EnumerateArray().Sum(row => row.EnumerateArray().Sum(c => c.GetInt32())));
            Assert.InRange(r.GetProperty("BalancedAccuracy").GetDouble(), 0, 1);
        }
    }

    [Fact]
    public void The_seed_decides_the_training_and_the_same_seed_repeats_it()
    {
        string[] data = [Shared("binance-hftbacktest/usdm/ethusdt_20240718.gz"), Shared("binance-hftbacktest/usdm/ethusdt_20240719.gz")];
        byte[] Train(string name, int seed)
        {
            string models = Path.Combine(_dir, name);
            Assert.Equal(0, TrainingTool.Root().Parse(["--data", .. data, "--out", models, "--models", "lstm", "--trials", "1", "--epochs", "1", "--horizon", "30",
                "--horizon-unit", "events", "--threshold-mode", "fixed", "--threshold-bps", "1", "--window", "8", "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture)]).Invoke());
            return File.ReadAllBytes(NetworkCheckpoint.WeightsPath(models, "lstm"));
        }
        byte[] first = Train("a", 7);
        Assert.Equal(first, Train("b", 7));
        Assert.NotEqual(first, Train("c", 8));
    }

    [Fact]
    public async Task A_train_stopped_by_a_signal_exits_130_and_leaves_no_half_trained_checkpoint()
    {
        string models = Path.Combine(_dir, "stopped");
        ParseResult parse = TrainingTool.Root().Parse(["--data", Shared("binance-hftbacktest/usdm/ethusdt_20240718.gz"), "--out", models, "--models", "lstm", "--trials", "1", "--epochs", "1"]);
        // SIGINT and SIGTERM reach a verb as its cancellation token.
        int code = await parse.InvokeAsync(cancellationToken: new CancellationToken(canceled: true));
        Assert.Equal(130, code);
        Assert.False(File.Exists(NetworkCheckpoint.JsonPath(models, "lstm")));
    }
}
