using ApiManager.Gateway.Clients.Runtime;
using Yarp.ReverseProxy.Model;

namespace ApiManager.Gateway.Apis.Diversion;

/// <summary>One diversion rule compiled for the hot path: the parsed network and a ready YARP destination for its URL.</summary>
/// <param name="Range">The caller network.</param>
/// <param name="Destination">The destination the request is sent to when the caller is in <paramref name="Range"/>.</param>
/// <param name="Source">The rule's source text (for the call facts and logs).</param>
/// <param name="TargetUrl">The rule's target URL.</param>
internal sealed record CompiledDiversion(IpRange Range, DestinationState Destination, string Source, string TargetUrl);
