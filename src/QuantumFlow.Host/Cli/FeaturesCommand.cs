using System.CommandLine;
using System.Diagnostics;
using QuantumFlow.Host.Export;
using QuantumFlow.Models.Datasets;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Recording;
using QuantumFlow.Models.Venues;
using QuantumFlow.Models.Verification;
using Spectre.Console;

namespace QuantumFlow.Host.Cli;

/// <summary><c>quantumflow features</c>: recordings to a feature table (CSV or Parquet), one row per book update, labelled.</summary>
public static class FeaturesCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH") { Description = "Recordings; files of one session in order are read as one stream. Default: the shipped sample.", Arity = ArgumentArity.ZeroOrMore };
        var output = new Option<string>("--out") { Description = "Output file: .csv, or .parquet for Parquet.", Required = true };
        var horizon = new Option<long>("--horizon") { Description = $"Label horizon h, in --horizon-unit: 1 or more (at most 10^7 events); default {LabelOptions.Default.Horizon}.", DefaultValueFactory = _ => LabelOptions.Default.Horizon };
        var unit = new Option<string>("--horizon-unit") { Description = "events (book updates) or ms.", DefaultValueFactory = _ => "events" };
        unit.AcceptOnlyFromAmong("events", "ms");
        var threshold = new Option<double>("--threshold-bps") { Description = $"UP/DOWN when the mid moves more than this (bps, finite, 0 or more); FLAT otherwise; default {LabelOptions.Default.ThresholdBps.ToString(System.Globalization.CultureInfo.InvariantCulture)}.", DefaultValueFactory = _ => LabelOptions.Default.ThresholdBps };
        var mode = new Option<string>("--threshold-mode") { Description = "fixed; spread: at least the spread in bps; volatility: at least the realised volatility in bps.", DefaultValueFactory = _ => "fixed" };
        mode.AcceptOnlyFromAmong("fixed", "spread", "volatility");
        var smoothed = new Option<bool>("--smoothed") { Description = "Compare the mean mid over (t, t+h] instead of the mid at t+h." };
        var badLines = new Option<string>("--bad-lines") { Description = "skip (count and go on) or stop.", DefaultValueFactory = _ => "skip" };
        badLines.AcceptOnlyFromAmong("skip", "stop");

        var command = new Command("features", "Stream recordings through book, features and labels into a table with one row per book update.");
        command.Arguments.Add(paths);
        foreach (Option o in new Option[] { output, horizon, unit, threshold, mode, smoothed, badLines }) command.Options.Add(o);
        command.SetAction((parse, cancel) =>
        {
            string[] given = parse.GetValue(paths) ?? [];
            var labels = new LabelOptions
            {
                Horizon = parse.GetValue(horizon),
                Unit = parse.GetValue(unit) == "ms" ? HorizonUnit.Milliseconds : HorizonUnit.Events,
                ThresholdBps = parse.GetValue(threshold),
                Mode = parse.GetValue(mode) switch { "spread" => ThresholdMode.Spread, "volatility" => ThresholdMode.Volatility, _ => ThresholdMode.Fixed },
                Smoothed = parse.GetValue(smoothed),
            };
            BadLinePolicy policy = parse.GetValue(badLines) == "stop" ? BadLinePolicy.Stop : BadLinePolicy.Skip;
            return Task.FromResult(Run(given.Length > 0 ? given : SampleRecording.Files, parse.GetValue(output)!, labels, policy, Console.Out, Console.Error, cancel));
        });
        return command;
    }

    /// <returns>0 on success, 2 on bad arguments or unreadable input, 130 when stopped by a signal (the output file is then removed).</returns>
    public static int Run(IReadOnlyList<string> paths, string outFile, LabelOptions labels, BadLinePolicy policy, TextWriter output, TextWriter error, CancellationToken cancel = default)
    {
        try
        {
            labels.Validate();
        }
        catch (ArgumentException e)
        {
            return CliErrors.Report(error, e);
        }
        if (CliErrors.OutputFileProblem("--out", outFile) is { } unwritable) return CliErrors.Report(error, unwritable);
        foreach (string path in paths)
        {
            if (CliErrors.InputFileProblem("recording", path) is { } missing) return CliErrors.Report(error, missing);
        }
        bool parquet = outFile.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);
        string temp = outFile + ".partial";
        var clock = Stopwatch.StartNew();
        FeatureTableStats stats;
        try
        {
            using (FileStream file = File.Create(temp))
            {
                IFeatureSink sink = parquet ? new ParquetFeatureSink(file) : new CsvFeatureSink(new StreamWriter(file, bufferSize: 1 << 16));
                stats = BuildWithProgress(paths, new StoppableSink(sink, cancel), labels, policy);
                ((IDisposable)sink).Dispose();
            }
            File.Move(temp, outFile, overwrite: true); // nothing half-written is left under the requested name
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            File.Delete(temp);
            error.WriteLine($"stopped; nothing written to {outFile}");
            return CliErrors.Stopped;
        }
        catch (Exception e) when (e is MarketDataException or IOException or UnauthorizedAccessException or ArgumentException or InvalidDataException)
        {
            try
            {
                File.Delete(temp);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // The temporary file could not be made or removed; the first error is the one to report.
            }
            return CliErrors.Report(error, e);
        }
        double seconds = clock.Elapsed.TotalSeconds;
        long labelled = Math.Max(1, stats.LabeledRows);
        output.WriteLine($"wrote {stats.Rows} rows x {stats.Features} features to {outFile} ({(parquet ? "Parquet" : "CSV")}) in {seconds:F1} s: {stats.Rows / Math.Max(seconds, 1e-9):F0} rows/s");
        output.WriteLine($"books: {string.Join(", ", stats.RowsPerBook.Select(kv => $"{kv.Key} {kv.Value}"))}; payloads {stats.Payloads}, bad lines {stats.BadLines}, resyncs {stats.Resyncs}");
        output.WriteLine($"labels ({labels.Horizon} {(labels.Unit == HorizonUnit.Events ? "events" : "ms")}, {labels.Mode.ToString().ToLowerInvariant()} {labels.ThresholdBps} bps{(labels.Smoothed ? ", smoothed" : "")}): " +
                         $"{stats.LabeledRows} labelled: down {stats.Count(LabelClass.Down)} ({100.0 * stats.Count(LabelClass.Down) / labelled:F1}%), " +
                         $"flat {stats.Count(LabelClass.Flat)} ({100.0 * stats.Count(LabelClass.Flat) / labelled:F1}%), " +
                         $"up {stats.Count(LabelClass.Up)} ({100.0 * stats.Count(LabelClass.Up) / labelled:F1}%); {stats.Rows - stats.LabeledRows} without a label");
        return 0;
    }

    private static FeatureTableStats BuildWithProgress(IReadOnlyList<string> paths, IFeatureSink sink, LabelOptions labels, BadLinePolicy policy)
    {
        List<List<string>> streams = RecordingSessions.Group([.. paths]);
        if (!AnsiConsole.Profile.Capabilities.Interactive)
            return new FeatureTableBuilder(sink, labels: labels).Build(streams, policy);

        FeatureTableStats? result = null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                ProgressTask task = ctx.AddTask("features", maxValue: streams.Count);
                var builder = new FeatureTableBuilder(sink, labels: labels)
                {
                    Progress = s => task.Description = $"{s.Rows:N0} rows, {s.Payloads:N0} payloads",
                };
                // Streams are read one after another: the bar advances per stream, the description per batch of payloads.
                result = builder.Build(streams.Select(s => { task.Increment(1); return (IReadOnlyList<string>)s; }), policy);
                task.Value = task.MaxValue;
            });
        return result!;
    }

    /// <summary>Stops the table at the next row once the verb is asked to stop (SIGINT, SIGTERM).</summary>
    private sealed class StoppableSink(IFeatureSink inner, CancellationToken cancel) : IFeatureSink
    {
        public void Begin(Models.Features.FeatureSchema schema) => inner.Begin(schema);

        public void Write(FeatureRecord row)
        {
            cancel.ThrowIfCancellationRequested();
            inner.Write(row);
        }

        public void End() => inner.End();
    }
}
