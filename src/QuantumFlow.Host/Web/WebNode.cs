using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QuantumFlow.Actors.Hosting;

namespace QuantumFlow.Host.Web;

/// <summary>
/// A started node and its started web host, as one <see cref="IHost"/>. The node runs in its own host and the web app
/// reaches it through bridged services, so the web app can start (and, when the default port is taken, start again
/// on a free one) without touching the running node. Stopping stops the web host first, then the node.
/// </summary>
public sealed class WebNode(IHost node, WebApplication app) : IHost, IAsyncDisposable
{
    public IHost Node { get; } = node;
    public WebApplication App { get; } = app;

    /// <summary>The web services, which include the node's actor system, registry and book region.</summary>
    public IServiceProvider Services => App.Services;

    /// <summary>Where the web host listens (the port Kestrel picked when asked for port 0).</summary>
    public Uri Address => new(App.Urls.First());

    /// <summary>The default address, when another process held it and the web host took a free port instead.</summary>
    public string? BusyDefault { get; init; }

    public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await App.StopAsync(cancellationToken);
        await Node.StopAsync(cancellationToken);
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        Node.Dispose();
    }

    /// <summary>The node services the web app needs, registered into it as singletons.</summary>
    /// <remarks>Registered as instances, so disposing the web app never disposes the node's actor system.</remarks>
    internal static void Bridge(IServiceProvider node, IServiceCollection web)
    {
        web.AddSingleton(node.GetRequiredService<ActorSystem>());
        web.AddSingleton(node.GetRequiredService<IActorRegistry>());
        web.AddSingleton(node.GetRequiredService<IRequiredActor<BookRegion>>());
    }
}
