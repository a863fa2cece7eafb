using System.Text;

namespace QuantumFlow.Actors.Hosting;

/// <summary>The Akka.Management and Cluster Bootstrap settings a node's <see cref="BootstrapOptions"/> stand for, as HOCON.</summary>
public static class BootstrapConfig
{
    public static string Overrides(NodeOptions o)
    {
        BootstrapOptions b = o.Bootstrap;
        if (!b.Enabled) return "";
        var sb = new StringBuilder();
        // This node's contact point as Akka.Management describes it: other nodes reach it where they reach its
        // remoting, and bootstrap takes this port for a discovered contact point that comes without one.
        sb.AppendLine($"akka.management.http.hostname = {NodeConfig.Quote(o.PublicHostname ?? o.Hostname)}");
        sb.AppendLine($"akka.management.http.port = {b.ManagementPort}");
        sb.AppendLine($"akka.management.http.bind-hostname = {NodeConfig.Quote(o.Hostname)}");
        sb.AppendLine($"akka.management.http.bind-port = {b.ManagementPort}");
        sb.AppendLine($"akka.management.cluster.bootstrap.contact-point-discovery.service-name = {ServiceName()}");
        switch (b.Discovery)
        {
            case Discovery.Config:
                sb.AppendLine("akka.management.cluster.bootstrap.contact-point-discovery.discovery-method = config");
                // Every listed node must answer before a new cluster is formed: with a fixed list, forming with fewer
                // could start a second cluster beside one the silent nodes still run.
                sb.AppendLine($"akka.management.cluster.bootstrap.contact-point-discovery.required-contact-point-nr = {b.ContactPoints.Count}");
                sb.AppendLine("akka.management.cluster.bootstrap.contact-point-discovery.contact-with-all-contact-points = true");
                // Nodes on one machine differ by management port; the default filter would keep only this node's port.
                sb.AppendLine("akka.management.cluster.bootstrap.contact-point.filter-on-fallback-port = false");
                sb.AppendLine($"akka.discovery.config.services.{BootstrapOptions.ServiceName}.endpoints = [{string.Join(", ", b.ContactPoints.Select(NodeConfig.Quote))}]");
                break;
            case Discovery.Kubernetes:
                sb.AppendLine("akka.management.cluster.bootstrap.contact-point-discovery.discovery-method = kubernetes-api");
                sb.AppendLine("akka.management.cluster.bootstrap.contact-point-discovery.port-name = management");
                sb.AppendLine("akka.discovery.kubernetes-api.pod-label-selector = \"app={0}\"");
                break;
        }
        return sb.ToString();

        static string ServiceName() => NodeConfig.Quote(BootstrapOptions.ServiceName);
    }
}
