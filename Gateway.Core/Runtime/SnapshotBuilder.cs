using System.Collections.Frozen;
using System.Globalization;
using ApiManager.Gateway.Apis;
using ApiManager.Gateway.Backends;
using ApiManager.Gateway.Clients.Runtime;
using ApiManager.Gateway.Credentials;
using ApiManager.Gateway.Credentials.XApiKeys.Runtime;
using ApiManager.Gateway.Credentials.Plugins.Runtime;
using ApiManager.Gateway.Pipeline;
using ApiManager.Gateway.Metrics;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Transforms;

namespace ApiManager.Gateway.Runtime;

/// <summary>
/// Turns catalog rows into a <see cref="GatewaySnapshot"/>: one YARP route per API, one cluster per backend, and the
/// per-route data the pipeline reads. Pure: no I/O, the same rows give the same snapshot. Rows that cannot be served
/// (which the feature services would have refused) fail the whole build, so the last good snapshot keeps serving.
/// </summary>
internal static class SnapshotBuilder
{
    /// <summary>YARP's reserved policy name that lets a route through any authorization fallback policy.</summary>
    public const string AnonymousPolicy = "Anonymous";

    /// <summary>The name of each cluster's single destination.</summary>
    public const string DestinationId = "primary";

    /// <summary>The YARP route id of API <paramref name="apiId"/>.</summary>
    public static string RouteIdFor(int apiId) => "api-" + apiId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The YARP cluster id of backend <paramref name="backendId"/>.</summary>
    public static string ClusterIdFor(int backendId) => "backend-" + backendId.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Builds the snapshot or throws <see cref="SnapshotBuildException"/> listing every bad row. <paramref name="plugins"/>
    /// compiles the stored plugins (needed only when <see cref="CatalogRows.Plugins"/> has any).
    /// </summary>
    public static GatewaySnapshot Build(CatalogRows rows, DateTime builtAt, GatewayMetrics metrics, Plugins.Runtime.PluginRegistry? plugins = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(metrics);
        var problems = new List<string>();
        var chains = new Plugins.Runtime.PluginChainBuilder(rows.Plugins, plugins, problems);

        var clusters = new List<ClusterConfig>(rows.Backends.Count);
        var backends = new Dictionary<int, (Backend Backend, string BasePath)>(rows.Backends.Count);
        var brokenBackends = new HashSet<int>();
        var upstreamsByName = new Dictionary<string, Upstreams.Upstream>(StringComparer.OrdinalIgnoreCase);
        foreach (var upstream in rows.Upstreams ?? [])
        {
            upstreamsByName[upstream.Name] = upstream;
        }

        var upstreams = new Dictionary<string, Upstreams.Runtime.CompiledUpstream>(StringComparer.Ordinal);
        var compiledUpstreams = new Dictionary<int, Upstreams.Runtime.CompiledUpstream>();
        foreach (var backend in rows.Backends.OrderBy(b => b.Id))
        {
            var cluster = BuildCluster(backend, problems, out var basePath);
            if (cluster is null)
            {
                brokenBackends.Add(backend.Id);
                continue;
            }

            if (upstreamsByName.TryGetValue(backend.Host?.Trim() ?? "", out var named))
            {
                cluster = UpstreamCluster(cluster, backend, named);
                if (!compiledUpstreams.TryGetValue(named.Id, out var compiled))
                {
                    compiled = new Upstreams.Runtime.CompiledUpstream(named);
                    compiledUpstreams[named.Id] = compiled;
                }

                upstreams[cluster.ClusterId] = compiled;
            }

            clusters.Add(cluster);
            backends[backend.Id] = (backend, basePath);
        }

        var diversions = (rows.Diversions ?? []).GroupBy(d => d.ApiDefinitionId).ToDictionary(g => g.Key, g => g.OrderBy(d => d.Position).ToList());
        var routes = new List<RouteConfig>(rows.Apis.Count);
        var infos = new Dictionary<string, RouteInfo>(rows.Apis.Count, StringComparer.Ordinal);
        var claimed = new Dictionary<(string Shape, bool IsTemplate), ApiDefinition>();
        var operations = (rows.Operations ?? []).ToLookup(o => o.ApiDefinitionId);
        foreach (var api in rows.Apis.OrderBy(a => a.Id))
        {
            var label = $"API '{api.Name}' {api.Version} (id {api.Id})";
            if (!ApiPath.TryParse(api.Path, out var path, out var pathError))
            {
                problems.Add($"{label}: path '{api.Path}' is invalid: {pathError}");
                continue;
            }

            if (!backends.TryGetValue(api.BackendId, out var target))
            {
                if (!brokenBackends.Contains(api.BackendId))
                {
                    problems.Add($"{label}: backend {api.BackendId} does not exist.");
                }

                continue;
            }

            if (!Enum.IsDefined(api.Status))
            {
                problems.Add($"{label}: status '{api.Status}' is not Active, Inactive or Deprecated.");
                continue;
            }

            var methods = CanonicalMethods(api.Methods, label, problems);
            if (methods is null)
            {
                continue;
            }

            if (claimed.TryGetValue((path!.Shape, path.IsTemplate), out var other))
            {
                problems.Add($"{label}: path '{path.Normalized}' conflicts with API '{other.Name}' {other.Version} (id {other.Id}).");
                continue;
            }

            claimed[(path.Shape, path.IsTemplate)] = api;
            var route = BuildRoute(api, path, target.Backend.Id, target.BasePath);
            routes.Add(route);
            var authentication = CompiledAuthentication.Compile(api.AcceptedCredentials, api.AuthenticationOptions);
            infos[route.RouteId] = new RouteInfo
            {
                RouteId = route.RouteId,
                ApiId = api.Id,
                Name = api.Name,
                Version = api.Version,
                Status = api.Status,
                AllowedMethods = methods,
                AllowHeader = methods.Length == 0 ? null : string.Join(", ", methods),
                DeprecationHeader = api.Status == ApiStatus.Deprecated ? DeprecationValue(api.UpdatedAt) : null,
                IsPublic = api.IsPublic,
                AcceptedCredentials = api.AcceptedCredentials,
                ForwardCredentials = api.ForwardCredentials,
                Authentication = authentication,
                MissingCredentialError = authentication.MissingCredential ?? MissingCredential(api.AcceptedCredentials),
                BackendId = target.Backend.Id,
                ClusterId = route.ClusterId!,
                NoDestinationError = upstreams.ContainsKey(route.ClusterId!) ? Upstreams.Runtime.UpstreamErrors.NoHealthyUpstream : GatewayError.BackendUnavailable,
                Path = path.Normalized,
                Operations = OperationMatcher.Compile(operations[api.Id]),
                OperationPathOffset = path.IsTemplate ? int.MaxValue : path.Normalized.Length - (path.Normalized == "/" ? 1 : 0),
                Meters = metrics.For(api.Name, api.Version),
                Plugins = chains.For(api),
                Diversions = Apis.Diversion.ApiDiversionSet.Compile(diversions.GetValueOrDefault(api.Id), label, problems),
            };
        }

        if (problems.Count > 0)
        {
            throw new SnapshotBuildException(problems);
        }

        var clients = ClientCatalogBuilder.Build(rows.Clients ?? [], rows.Groups ?? [], rows.Scopes ?? []);
        return new GatewaySnapshot
        {
            Routes = infos.ToFrozenDictionary(StringComparer.Ordinal),
            RouteConfigs = routes,
            ClusterConfigs = clusters,
            Clients = clients,
            XApiKeys = XApiKeyCatalog.Build(rows.XApiKeys ?? []),
            SignedKeys = Credentials.SignedKeys.Runtime.SignedKeyCatalog.Build(rows.SignedKeys ?? []),
            PluginCredentials = PluginCredentialCatalog.Build(rows.PluginCredentials, clients),
            Upstreams = upstreams.ToFrozenDictionary(StringComparer.Ordinal),
            AllUpstreams = upstreamsByName.Values.OrderBy(u => u.Id).Select(u => compiledUpstreams.TryGetValue(u.Id, out var used) ? used : new Upstreams.Runtime.CompiledUpstream(u)).ToArray(),
            Version = rows.Version,
            BuiltAt = builtAt,
        };
    }

    /// <summary>The 401 for a request without any credential the API accepts, naming what it accepts.</summary>
    internal static GatewayError MissingCredential(CredentialTypes accepted)
    {
        if (accepted == CredentialTypes.ClientBasic)
        {
            return GatewayError.InvalidCredential;
        }

        var names = new List<string>(6);
        foreach (var (type, name) in CredentialNames)
        {
            if ((accepted & type) != 0)
            {
                names.Add(name);
            }
        }

        var detail = names.Count == 0
            ? "This API accepts no credential type; an administrator must choose at least one."
            : "No credential this API accepts was found in the request. Send one of: " + string.Join(", ", names) + ".";
        return new GatewayError(StatusCodes.Status401Unauthorized, "credential_missing", "Unauthorized", detail);
    }

    private static readonly (CredentialTypes Type, string Name)[] CredentialNames =
    [
        (CredentialTypes.ClientBasic, "HTTP Basic (Client ID and password)"),
        (CredentialTypes.OAuthToken, "an OAuth access token (Authorization: Bearer)"),
        (CredentialTypes.XApiKey, "an X-Api-Key header"),
        (CredentialTypes.SignedKey, "a signed API key (Authorization: DGRK)"),
        (CredentialTypes.KeyAuth, "an API key (key-auth)"),
        (CredentialTypes.Jwt, "a JWT (jwt)"),
    ];

    /// <summary>RFC 9745 value: <c>@</c> and the Unix time at which the API was (last) marked deprecated.</summary>
    internal static string DeprecationValue(DateTime updatedAt)
    {
        var utc = DateTime.SpecifyKind(updatedAt, DateTimeKind.Utc);
        return "@" + new DateTimeOffset(utc).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
    }

    private static RouteConfig BuildRoute(ApiDefinition api, ApiPath path, int backendId, string basePath)
    {
        var route = new RouteConfig
        {
            RouteId = RouteIdFor(api.Id),
            ClusterId = ClusterIdFor(backendId),
            // Credentials are checked by the gateway's own pipeline stages, never by the console's auth policies.
            AuthorizationPolicy = AnonymousPolicy,
            Match = new RouteMatch { Path = path.RoutePattern },
            Metadata = new Dictionary<string, string>(StringComparer.Ordinal) { [GatewayMetadataKeys.Api] = api.Name + " " + api.Version },
        };

        var strip = !path.IsTemplate && api.StripPath && path.Normalized != "/";
        if (strip)
        {
            route = route.WithTransformPathRemovePrefix(path.Normalized);
        }

        if (basePath.Length > 0)
        {
            route = route.WithTransformPathPrefix(basePath);
        }

        if (strip)
        {
            // The backend learns which prefix was removed (as Kong does); a client-sent X-Forwarded-Prefix is replaced.
            route = route
                .WithTransformXForwarded(xPrefix: ForwardedTransformActions.Off)
                .WithTransformRequestHeader("X-Forwarded-Prefix", path.Normalized, append: false);
        }
        else
        {
            route = route.WithTransformXForwarded();
        }

        return route;
    }

    private static ClusterConfig? BuildCluster(Backend backend, List<string> problems, out string basePath)
    {
        var label = $"Backend '{backend.Name}' (id {backend.Id})";
        var count = problems.Count;
        basePath = (backend.BasePath ?? "").Trim().TrimEnd('/');
        if (basePath.Length > 0 && (basePath[0] != '/' || basePath.Contains("//", StringComparison.Ordinal) || basePath.IndexOfAny(['?', '#', ' ', '{', '}']) >= 0))
        {
            problems.Add($"{label}: base path '{backend.BasePath}' is invalid.");
        }

        if (!Enum.IsDefined(backend.Protocol))
        {
            problems.Add($"{label}: protocol '{backend.Protocol}' is not http or https.");
        }

        var host = backend.Host?.Trim() ?? "";
        if (host.Length == 0 || Uri.CheckHostName(host.Trim('[', ']')) == UriHostNameType.Unknown)
        {
            problems.Add($"{label}: host '{backend.Host}' is not a valid host name or IP address.");
        }

        if (backend.Port is < 1 or > 65535)
        {
            problems.Add($"{label}: port {backend.Port} is outside 1–65535.");
        }

        if (backend.ConnectTimeoutMs < 1 || backend.ReadTimeoutMs < 1 || backend.WriteTimeoutMs < 1)
        {
            problems.Add($"{label}: timeouts must be at least 1 ms.");
        }

        if (problems.Count > count)
        {
            return null;
        }

        var scheme = backend.Protocol == BackendProtocol.Https ? "https" : "http";
        var hostPart = Uri.CheckHostName(host.Trim('[', ']')) == UriHostNameType.IPv6 ? "[" + host.Trim('[', ']') + "]" : host;
        return new ClusterConfig
        {
            ClusterId = ClusterIdFor(backend.Id),
            Destinations = new Dictionary<string, DestinationConfig>(StringComparer.OrdinalIgnoreCase)
            {
                [DestinationId] = new DestinationConfig { Address = $"{scheme}://{hostPart}:{backend.Port.ToString(CultureInfo.InvariantCulture)}" },
            },
            HttpRequest = new ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromMilliseconds(backend.ReadTimeoutMs) },
            Metadata = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [GatewayMetadataKeys.BackendName] = backend.Name,
                [GatewayMetadataKeys.ConnectTimeoutMs] = backend.ConnectTimeoutMs.ToString(CultureInfo.InvariantCulture),
                [GatewayMetadataKeys.WriteTimeoutMs] = backend.WriteTimeoutMs.ToString(CultureInfo.InvariantCulture),
                [GatewayMetadataKeys.Retries] = backend.Retries.ToString(CultureInfo.InvariantCulture),
            },
        };
    }

    /// <summary>A backend whose host names an upstream: one destination per target (id = the target), balanced by the upstream policy.</summary>
    private static ClusterConfig UpstreamCluster(ClusterConfig cluster, Backend backend, Upstreams.Upstream upstream)
    {
        var scheme = backend.Protocol == BackendProtocol.Https ? "https" : "http";
        var destinations = new Dictionary<string, DestinationConfig>(StringComparer.OrdinalIgnoreCase);
        foreach (var target in upstream.Targets.OrderBy(t => t.Target, StringComparer.Ordinal))
        {
            destinations[target.Target] = new DestinationConfig { Address = scheme + "://" + target.Target };
        }

        var metadata = new Dictionary<string, string>(cluster.Metadata!, StringComparer.Ordinal)
        {
            [Upstreams.Runtime.UpstreamLoadBalancingPolicy.MetadataKey] = upstream.Name,
        };
        return cluster with
        {
            Destinations = destinations,
            LoadBalancingPolicy = Upstreams.Runtime.UpstreamLoadBalancingPolicy.PolicyName,
            Metadata = metadata,
        };
    }

    private static string[]? CanonicalMethods(IReadOnlyList<string>? methods, string label, List<string> problems)
    {
        if (methods is null || methods.Count == 0)
        {
            return [];
        }

        var result = new List<string>(methods.Count);
        foreach (var method in methods)
        {
            var upper = method?.Trim().ToUpperInvariant() ?? "";
            if (upper.Length == 0 || !upper.All(char.IsAsciiLetterUpper))
            {
                problems.Add($"{label}: method '{method}' is not a valid HTTP method.");
                return null;
            }

            // The canonical instances are the ones Kestrel hands out, so the per-request check usually compares references.
            var canonical = HttpMethods.GetCanonicalizedValue(upper);
            if (!result.Contains(canonical))
            {
                result.Add(canonical);
            }
        }

        return [.. result];
    }
}
