namespace ApiManager.Gateway.CallLog;

/// <summary>
/// Plain-words account of one call log row for the API Logs page and the admin API: what happened (a sentence for the
/// stage), the gateway's own detail text, and what to do next.
/// </summary>
public sealed record CallExplanation(string Summary, string? Detail, string NextStep)
{
    /// <summary>Explains <paramref name="entry"/>.</summary>
    public static CallExplanation For(CallLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var explanation = Explain(entry);
        return entry.Retries > 0 ? explanation with { Summary = explanation.Summary + " " + RetrySentence(entry) } : explanation;
    }

    /// <summary>"Retried 2 times; served by 127.0.0.1:5002." (or "last tried" when the call still failed).</summary>
    internal static string RetrySentence(CallLogEntry entry)
    {
        var times = entry.Retries == 1 ? "once" : entry.Retries.ToString(System.Globalization.CultureInfo.InvariantCulture) + " times";
        var target = entry.Target is null ? "" : (entry.ErrorCode is null ? "; served by " : "; last tried ") + entry.Target;
        return "Retried " + times + target + ".";
    }

    private static CallExplanation Explain(CallLogEntry entry)
    {
        var plugin = entry.Plugin is null ? "a" : "the " + entry.Plugin;
        if (entry.ErrorCode is null)
        {
            if (entry.Stage is not null)
            {
                return new CallExplanation(
                    $"Answered by {plugin} plugin without calling the backend (for example a cached response, a sandbox mock or a CORS preflight).",
                    null,
                    "Nothing to do: the gateway answered as configured.");
            }

            return entry.BackendStatus is { } backend
                ? new CallExplanation($"Passed every gateway check and was forwarded; the backend answered {backend}.", null,
                    backend >= 500 ? "The backend failed: check the backend's own logs for this request id." : "Nothing to do on the gateway side.")
                : new CallExplanation($"Answered {entry.Status} by the gateway.", null, "Nothing to do on the gateway side.");
        }

        var summary = entry.Stage switch
        {
            "Routing" => "Rejected during routing: no API is published at this path.",
            "Api" => "Rejected by the API's settings (its status, or the methods and operations it accepts).",
            "PreAuthentication" => $"Rejected before authentication by {plugin} plugin.",
            "Authentication" => "Rejected during authentication: the credentials were missing or wrong, or the client may not call this API now.",
            "ClientLimits" => "Rejected by the client's limits (TPS/Node or API quota).",
            "Plugin" => $"Rejected by {plugin} plugin after authentication.",
            "Admission" => "Rejected by priority admission: the gateway node was saturated.",
            "Backend" => "Rejected while forwarding: the backend could not answer properly.",
            _ => "Rejected by the gateway.",
        };
        return new CallExplanation(summary, entry.ErrorDetail, NextStepFor(entry.ErrorCode, entry.Stage));
    }

    private static string NextStepFor(string code, string? stage) => code switch
    {
        "route_not_found" => "Check the path against the APIs' gateway paths, or publish an API at this path.",
        "method_not_allowed" => "Call the API with one of its allowed methods, or allow this method on the API.",
        "operation_not_found" => "Call one of the API's operations (listed on its page, from its OpenAPI document), or re-import the document with this operation.",
        "no_healthy_upstream" => "Every target of the backend's upstream is unhealthy or disabled: check the targets on the Upstreams page, or mark a recovered target healthy.",
        "api_inactive" => "Activate the API on its page if it should serve traffic.",
        "credential_missing" or "invalid_credential" or "invalid_token" or "invalid_key" => "Send valid credentials for one of the credential types the API accepts (check the client's password, key or token).",
        "api_key_expired" or "api_key_revoked" or "api_key_not_yet_effective" or "invalid_api_key" => "Use a current API key of the client: this one is unknown, revoked, expired or not yet effective (see the client's keys).",
        "client_locked" => "An administrator must unlock the client (Clients → the client → Unlock) after checking why its password was wrong repeatedly.",
        "client_disabled" => "Enable the client if it should call APIs again.",
        "client_not_yet_valid" => "Wait for the client's start date, or change it on the client.",
        "client_expired" => "Extend the client's expiry date if it should keep calling APIs.",
        "outside_service_time" => "Call within the client's service time, or widen the service time on the client.",
        "ip_not_bound" => "Call from one of the client's bound IP addresses, or add this address to the client's IP binding.",
        "api_not_authorized" or "credential_scope_denied" => "Add the API to one of the client's groups or scopes (or the credential's), then retry.",
        "group_not_open" => "Call while one of the client's groups that include this API is open, or change the group's days and times.",
        "audience_not_allowed" => "Call from the internal network, or change the client's audience.",
        "tps_exceeded" => "The client sent more calls per second than its TPS/Node allows; slow down (see Retry-After) or raise the client's TPS/Node.",
        "quota_exceeded" => "The client used its whole API quota for this period; it resets at the start of the next period in the client's time zone, or an administrator can raise the quota.",
        "gateway_busy" => "The node was overloaded; retry later, or give the client a higher priority (0 is first).",
        "bad_gateway" or "backend_unavailable" => "Check that the backend is running and reachable from the gateway.",
        "gateway_timeout" => "The backend was too slow to connect, to read the request or to answer; check it, or raise the backend's connect, write or read timeout.",
        "bad_request" => "The request body could not be read; the caller should send a complete body.",
        _ when code.Contains("rate_limit", StringComparison.Ordinal) => "The caller exceeded the rate-limiting plugin's limit; wait for the window to reset (see Retry-After) or raise the limit.",
        _ when code.Contains("ip", StringComparison.Ordinal) => "Call from an allowed IP address, or change the plugin's allow and deny lists.",
        _ => stage switch
        {
            "Plugin" or "PreAuthentication" => "Check the plugin's configuration on the API, its backend, the client or globally (Plugins tab).",
            "Authentication" => "Check the caller's credentials and the client's settings.",
            _ => "Check the API's and the client's settings for the reason above.",
        },
    };
}
