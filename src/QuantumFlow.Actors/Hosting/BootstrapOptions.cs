namespace QuantumFlow.Actors.Hosting;

/// <summary>How a node finds the other nodes' Akka.Management endpoints, which cluster bootstrap probes.</summary>
public enum Discovery
{
    /// <summary>No bootstrap: the node joins its seed nodes, or itself when it has none.</summary>
    None,
    /// <summary>Akka.Discovery's config method: a fixed list of contact points (one machine, docker compose).</summary>
    Config,
    /// <summary>Akka.Discovery.KubernetesApi: the pods labelled app=quantumflow, listed through the Kubernetes API.</summary>
    Kubernetes,
}

/// <summary>
/// Cluster membership without fixed seed nodes (Akka.Management with Cluster Bootstrap). Each node serves its
/// management endpoint and probes the contact points that discovery lists: a node joins the cluster any contact point
/// belongs to, so a restarted node (the first one included) goes back into the running cluster and a new node joins
/// while any one member is up. Only when no contact point is in a cluster, and every listed one answers, does the node
/// with the lowest contact point form a new one.
/// </summary>
public sealed record BootstrapOptions
{
    public const int DefaultManagementPort = 8558;
    public const string ServiceName = "quantumflow";

    public Discovery Discovery { get; init; } = Discovery.None;

    /// <summary>The management endpoints (HOST:PORT) of every node, this one included: the config method's list.</summary>
    public IReadOnlyList<string> ContactPoints { get; init; } = [];

    /// <summary>This node's management port (Akka.Management HTTP: /bootstrap/seed-nodes, /cluster/...).</summary>
    public int ManagementPort { get; init; } = DefaultManagementPort;

    public bool Enabled => Discovery != Discovery.None;
}
