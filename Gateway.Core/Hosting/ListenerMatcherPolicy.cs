using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace ApiManager.Gateway.Hosting;

/// <summary>
/// Routing policy that splits the endpoint table by listener, so each listener answers 404 to the other's paths and a
/// console page and an API on the same path never clash. It is a node-builder policy that runs before the HTTP method
/// and content-type policies, so a console endpoint still gets its proper 405/415 even though the gateway's catch-all
/// fallback matches the same path on the other listener.
/// </summary>
internal sealed class ListenerMatcherPolicy : MatcherPolicy, INodeBuilderPolicy
{
    // Before every built-in policy (HTTP method, host, content type).
    public override int Order => int.MinValue + 1000;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) => endpoints.Count > 0;

    public IReadOnlyList<PolicyNodeEdge> GetEdges(IReadOnlyList<Endpoint> endpoints)
    {
        var console = new List<Endpoint>();
        var gateway = new List<Endpoint>();
        foreach (var endpoint in endpoints)
        {
            if (Allows(endpoint, ListenerKind.Console))
            {
                console.Add(endpoint);
            }

            if (Allows(endpoint, ListenerKind.Gateway))
            {
                gateway.Add(endpoint);
            }
        }

        return [new PolicyNodeEdge(ListenerKind.Console, console), new PolicyNodeEdge(ListenerKind.Gateway, gateway)];
    }

    public PolicyJumpTable BuildJumpTable(int exitDestination, IReadOnlyList<PolicyJumpTableEdge> edges)
    {
        var console = exitDestination;
        var gateway = exitDestination;
        foreach (var edge in edges)
        {
            if ((ListenerKind)edge.State == ListenerKind.Console)
            {
                console = edge.Destination;
            }
            else
            {
                gateway = edge.Destination;
            }
        }

        return new ListenerJumpTable(console, gateway);
    }

    /// <summary>The listener of the request's connection; requests without one (test server) count as console.</summary>
    public static ListenerKind ListenerOf(HttpContext httpContext) =>
        httpContext.Features.Get<IListenerFeature>()?.Listener ?? ListenerKind.Console;

    internal static bool Allows(Endpoint endpoint, ListenerKind listener) =>
        endpoint.Metadata.GetMetadata<ListenerMetadata>()?.Allows(listener) ?? listener == ListenerKind.Console;

    private sealed class ListenerJumpTable(int console, int gateway) : PolicyJumpTable
    {
        public override int GetDestination(HttpContext httpContext) =>
            ListenerOf(httpContext) == ListenerKind.Gateway ? gateway : console;
    }
}
