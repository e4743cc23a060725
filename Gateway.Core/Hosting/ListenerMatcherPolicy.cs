using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace ApiManager.Gateway.Hosting;

/// <summary>
/// Routing policy that hides every endpoint from the other listener's requests, so each listener answers 404 to the
/// other's paths (and a console page and an API on the same path never clash).
/// </summary>
internal sealed class ListenerMatcherPolicy : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => -1000;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) => endpoints.Count > 0;

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var listener = ListenerOf(httpContext);
        for (var i = 0; i < candidates.Count; i++)
        {
            if (!candidates.IsValidCandidate(i))
            {
                continue;
            }

            var metadata = candidates[i].Endpoint.Metadata.GetMetadata<ListenerMetadata>();
            var allowed = metadata?.Allows(listener) ?? listener == ListenerKind.Console;
            if (!allowed)
            {
                candidates.SetValidity(i, false);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The listener of the request's connection; requests without one (test server) count as console.</summary>
    public static ListenerKind ListenerOf(HttpContext httpContext) =>
        httpContext.Features.Get<IListenerFeature>()?.Listener ?? ListenerKind.Console;
}
