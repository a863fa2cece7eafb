using QuantumFlow.Actors.Books;
using QuantumFlow.Actors.Features;
using QuantumFlow.Actors.Prediction;
using QuantumFlow.Inspection;

namespace QuantumFlow.Actors.Hosting;

/// <summary>Everything that makes one QuantumFlow node differ from another: set by flags, environment or tests.</summary>
public sealed record NodeOptions
{
    public string SystemName { get; init; } = "quantumflow";
    public string Hostname { get; init; } = "127.0.0.1";
    /// <summary>The address other nodes use, when it differs from the bind address (containers).</summary>
    public string? PublicHostname { get; init; }
    public int Port { get; init; }
    /// <summary>Empty, and no <see cref="Bootstrap"/> discovery: a single node that joins itself.</summary>
    public IReadOnlyList<string> SeedNodes { get; init; } = [];
    /// <summary>Cluster bootstrap through discovery instead of seed nodes (off by default).</summary>
    public BootstrapOptions Bootstrap { get; init; } = new();
    public IReadOnlyList<string> Roles { get; init; } = ["book"];
    public JournalOptions Journal { get; init; } = JournalOptions.Default;
    /// <summary>About ten per node of the largest planned cluster.</summary>
    public int MaxShards { get; init; } = 30;
    public BookActorOptions Books { get; init; } = new();
    public FeaturePublishOptions Features { get; init; } = new();
    /// <summary>
    /// Every book's predictions, in its pipeline child. Off unless asked for, so nodes embedded in tests and tools pay nothing;
    /// `quantumflow run` turns it on (online learners, plus the trained checkpoints it finds).
    /// </summary>
    public PredictionOptions Prediction { get; init; } = new() { Enabled = false };
    /// <summary>Folder that holds the hocon/*.conf files (default: beside the executable).</summary>
    public string? HoconDirectory { get; init; }
    /// <summary>Extra HOCON applied last (tests, operators).</summary>
    public string? ExtraHocon { get; init; }
    /// <summary>The inspection host `quantumflow pbm` talks to: on, 127.0.0.1:9110, no token (read-only) by default.</summary>
    public InspectionOptions Inspection { get; init; } = new();

    public bool CarriesBooks => Roles.Contains("book");

    /// <summary>Neither seed nodes nor discovery: the node forms its own one-node cluster and creates its journal schema.</summary>
    public bool IsSingleNode => SeedNodes.Count == 0 && !Bootstrap.Enabled;
}
