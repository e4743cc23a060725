using System.Text;
using ApiManager.Gateway.Credentials.Runtime;
using ApiManager.Gateway.Pipeline;
using ApiManager.Gateway.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace ApiManager.Gateway.Credentials.Plugins.Runtime;

/// <summary>
/// Kong's key-auth: for each of the API's key names in order, the key is looked for in a header, then a query
/// parameter, then (when enabled) a form or JSON body field; the first hit wins. A repeated key answers 401 "Duplicate
/// API key found", none 401 "No API key found in request", an unknown key 401 "Unauthorized", all with
/// <c>WWW-Authenticate: Key</c> (and the API's realm).
/// </summary>
internal sealed class KeyAuthHandler : ICredentialHandler
{
    /// <summary>Longest key looked up (longer ones are unknown).</summary>
    public const int MaxKeyLength = 1024;

    public CredentialTypes Type => CredentialTypes.KeyAuth;

    public int Precedence => 600;

    public string Challenge(RouteInfo route) => route.Authentication.KeyErrors.Challenge;

    public bool IsPresent(HttpContext context, RouteInfo route)
    {
        var options = route.Authentication;
        var request = context.Request;
        foreach (var name in options.KeyNames)
        {
            if ((options.KeyInHeader && request.Headers.ContainsKey(name)) || (options.KeyInQuery && request.Query.ContainsKey(name)))
            {
                return true;
            }
        }

        return options.KeyInBody && RequestBodyFields.IsInspectable(request);
    }

    public ValueTask<CredentialOutcome> AuthenticateAsync(HttpContext context, GatewaySnapshot snapshot, RouteInfo route)
    {
        return route.Authentication.KeyInBody
            ? FindWithBodyAsync(context, snapshot, route)
            : new ValueTask<CredentialOutcome>(Find(context, snapshot, route, body: null, bodyRead: true));
    }

    public GatewayError? Consume(in CredentialOutcome outcome) => null;

    public void Strip(HttpContext context, RouteInfo route)
    {
        if (context.Features.Get<KeyAuthMatch>() is not { } match)
        {
            return;
        }

        var request = context.Request;
        switch (match.Source)
        {
            case KeyAuthSource.Header:
                request.Headers.Remove(match.Name);
                break;
            case KeyAuthSource.Query:
                request.QueryString = WithoutParameter(request.QueryString, match.Name);
                break;
            default:
                match.Body?.RemoveFrom(request, match.Name);
                break;
        }
    }

    /// <summary>The query string without parameter <paramref name="name"/> (matched case-insensitively, as ASP.NET reads queries).</summary>
    internal static QueryString WithoutParameter(QueryString query, string name)
    {
        if (!query.HasValue)
        {
            return query;
        }

        var builder = new StringBuilder(query.Value!.Length);
        foreach (var pair in new QueryStringEnumerable(query.Value))
        {
            if (pair.DecodeName().Span.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            builder.Append(builder.Length == 0 ? '?' : '&').Append(pair.EncodedName).Append('=').Append(pair.EncodedValue);
        }

        return builder.Length == 0 ? QueryString.Empty : new QueryString(builder.ToString());
    }

    private static async ValueTask<CredentialOutcome> FindWithBodyAsync(HttpContext context, GatewaySnapshot snapshot, RouteInfo route)
    {
        // The body is only read when no header or query parameter holds the key first.
        var quick = Find(context, snapshot, route, body: null, bodyRead: false);
        if (quick.Error is not null && !ReferenceEquals(quick.Error, route.Authentication.KeyErrors.NoKey))
        {
            return quick;
        }

        if (quick.Client is not null)
        {
            return quick;
        }

        RequestBodyFields? body;
        try
        {
            body = await RequestBodyFields.ReadAsync(context.Request);
        }
        catch (Exception e) when (e is IOException or BadHttpRequestException or OperationCanceledException)
        {
            return CredentialOutcome.Fail(GatewayError.BadRequest);
        }

        return Find(context, snapshot, route, body, bodyRead: true);
    }

    /// <summary>
    /// Looks name by name through header, query and body. With <paramref name="bodyRead"/> false a name that only the
    /// body could hold is left for the second pass (answered as "no key" so far).
    /// </summary>
    private static CredentialOutcome Find(HttpContext context, GatewaySnapshot snapshot, RouteInfo route, RequestBodyFields? body, bool bodyRead)
    {
        var options = route.Authentication;
        var errors = options.KeyErrors;
        var request = context.Request;
        foreach (var name in options.KeyNames)
        {
            KeyAuthSource source;
            string? key;
            if (options.KeyInHeader && request.Headers.TryGetValue(name, out var header))
            {
                if (header.Count > 1)
                {
                    return CredentialOutcome.Fail(errors.Duplicate);
                }

                (source, key) = (KeyAuthSource.Header, header[0]);
            }
            else if (options.KeyInQuery && request.Query.TryGetValue(name, out var query))
            {
                if (query.Count > 1)
                {
                    return CredentialOutcome.Fail(errors.Duplicate);
                }

                (source, key) = (KeyAuthSource.Query, query[0]);
            }
            else if (options.KeyInBody && !bodyRead)
            {
                // Kong's order is per name: this name might be in the body, so later names must wait for it.
                return CredentialOutcome.Fail(errors.NoKey);
            }
            else if (options.KeyInBody && body is not null && body.TryGet(name, out var value, out var duplicate))
            {
                if (duplicate)
                {
                    return CredentialOutcome.Fail(errors.Duplicate);
                }

                (source, key) = (KeyAuthSource.Body, value);
            }
            else
            {
                continue;
            }

            return Lookup(context, snapshot, errors, source, name, key, body);
        }

        return CredentialOutcome.Fail(errors.NoKey);
    }

    private static CredentialOutcome Lookup(HttpContext context, GatewaySnapshot snapshot, KeyAuthErrors errors, KeyAuthSource source, string name, string? key, RequestBodyFields? body)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxKeyLength
            || !snapshot.PluginCredentials.KeysByHash.TryGetValue(CredentialSecrets.Hash(key), out var entry))
        {
            return CredentialOutcome.Fail(errors.Unknown);
        }

        context.Features.Set(new KeyAuthMatch(source, name, source == KeyAuthSource.Body ? body : null));
        return new CredentialOutcome { Client = entry.Client, CredentialId = entry.Identifier };
    }
}
