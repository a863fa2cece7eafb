using System.Collections.Immutable;
using System.Net;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Akka.Management.Cluster.Bootstrap.ContactPoint;
using Newtonsoft.Json;

namespace QuantumFlow.Actors.Hosting;

/// <summary>
/// The one management route cluster bootstrap needs from every node, GET /bootstrap/seed-nodes, served with
/// <see cref="HttpListener"/>. Akka.Management 1.5.73 serves it on Ceen.Httpd 0.9.9, which NuGet no longer serves;
/// 0.9.10 changed <c>HttpServer.ListenAsync</c>, so <c>AkkaManagement.Start()</c> fails with MissingMethodException.
/// The answer is Akka.Management's own (its <see cref="HttpBootstrapJsonProtocol"/> types, serialised as its
/// HttpClusterBootstrapRoutes does), so its bootstrap coordinator on other nodes reads it unchanged.
/// </summary>
public sealed class ContactPointEndpoint : IDisposable
{
    public const string SeedNodesPath = "/bootstrap/seed-nodes";

    private readonly ActorSystem _system;
    private readonly HttpListener _listener = new();
    private readonly ILoggingAdapter _log;

    private ContactPointEndpoint(ActorSystem system, string bindHostname, int port)
    {
        _system = system;
        _log = Logging.GetLogger(system, typeof(ContactPointEndpoint));
        // HttpListener binds every interface for '+'; a named address binds that address and answers requests for it.
        string host = bindHostname is "" or "0.0.0.0" or "::" or "*" ? "+" : bindHostname;
        _listener.Prefixes.Add($"http://{host}:{port}/");
    }

    /// <exception cref="HttpListenerException">the port is taken or cannot be bound.</exception>
    public static ContactPointEndpoint Start(ActorSystem system, string bindHostname, int port)
    {
        var endpoint = new ContactPointEndpoint(system, bindHostname, port);
        endpoint._listener.Start();
        _ = endpoint.ServeAsync();
        system.RegisterOnTermination(endpoint.Dispose);
        return endpoint;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }
            try
            {
                await AnswerAsync(context);
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
            {
                _log.Debug("bootstrap contact point: answer to {0} lost: {1}", context.Request.RemoteEndPoint, e.Message);
            }
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using HttpListenerResponse response = context.Response;
        if (context.Request.HttpMethod != "GET" || context.Request.Url?.AbsolutePath != SeedNodesPath)
        {
            response.StatusCode = (int)HttpStatusCode.NotFound;
            return;
        }
        Cluster cluster = Cluster.Get(_system);
        ClusterEvent.CurrentClusterState state = cluster.State;
        // A member on its way out is no contact point: joining through it would join a cluster it is leaving. (A node
        // not yet joined reads as Removed here; it answers with no members, which is how bootstrap learns that no
        // cluster exists yet.)
        if (cluster.IsTerminated || state.Members.Any(m => m.Address.Equals(cluster.SelfAddress) && m.Status is MemberStatus.Down or MemberStatus.Exiting or MemberStatus.Leaving))
        {
            response.StatusCode = (int)HttpStatusCode.ServiceUnavailable;
            return;
        }
        ImmutableList<HttpBootstrapJsonProtocol.ClusterMember> members = state.Members
            .Where(m => !state.Unreachable.Contains(m) && m.Status is MemberStatus.Up or MemberStatus.WeaklyUp or MemberStatus.Joining)
            .Select(m => new HttpBootstrapJsonProtocol.ClusterMember(m.UniqueAddress.Address, m.UniqueAddress.Uid, m.Status, m.Roles))
            .ToImmutableList();
        byte[] body = System.Text.Encoding.UTF8.GetBytes(JsonConvert.SerializeObject(new HttpBootstrapJsonProtocol.SeedNodes(cluster.SelfAddress, members)));
        response.ContentType = "application/json";
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body);
    }

    public void Dispose()
    {
        if (_listener.IsListening) _listener.Stop();
        _listener.Close();
    }
}
