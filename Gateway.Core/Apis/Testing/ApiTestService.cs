using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ApiManager.Gateway.CallLog;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Pipeline;
using ApiManager.Gateway.Plugins;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ApiManager.Gateway.Apis.Testing;

/// <summary>
/// Sends a test call of one API operation from the server through the gateway listener, the way a client would, and
/// returns the answer with the pipeline trace from the call log. Shared by the API Test page and the admin API.
/// </summary>
internal sealed partial class ApiTestService(
    IDbContextFactory<GatewayDbContext> contextFactory,
    ApiTestClient client,
    CallLogService callLog,
    IOptions<CallLogOptions> callLogOptions)
{
    /// <summary>Longest response body returned; longer bodies are cut and flagged.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>Longest request body accepted.</summary>
    public const int MaxRequestBodyChars = 1024 * 1024;

    /// <summary>Most query parameters or headers in one test call.</summary>
    public const int MaxPairs = 50;

    /// <summary>Prefix of the request ids of test calls (so they stand out in the API Logs).</summary>
    public const string RequestIdPrefix = "apitest-";

    private static readonly HashSet<string> RefusedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization", "TE", "Trailer",
        "Transfer-Encoding", "Upgrade", "Host", "Content-Length", "Content-Type", RequestIds.HeaderName,
    };

    /// <summary>How long to wait for the call's row in the call log (it is written in batches).</summary>
    internal TimeSpan TraceWait { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The APIs that can be tested (every API), by name and version.</summary>
    public async Task<IReadOnlyList<ApiDefinition>> ApisAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Apis.AsNoTracking().OrderBy(a => a.Name).ThenBy(a => a.Version).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The operations of API <paramref name="apiId"/>: its stored operations, or — when it has none — one free-path
    /// operation per allowed method (every common method when the API allows all).
    /// </summary>
    public async Task<IReadOnlyList<ApiTestOperation>> OperationsAsync(int apiId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var api = await FindApiAsync(db, apiId, cancellationToken);
        var stored = await db.ApiOperations.AsNoTracking().Where(o => o.ApiDefinitionId == apiId).OrderBy(o => o.Path).ThenBy(o => o.Method).ToListAsync(cancellationToken);
        if (stored.Count > 0)
        {
            return [.. stored.Select(o => new ApiTestOperation(o.Method, o.Path, o.Summary ?? o.OperationId, ParameterNames(Combine(api.Path, o.Path)), IsFreePath: false))];
        }

        var methods = api.Methods.Count > 0 ? api.Methods : ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
        var parameters = ParameterNames(Combine(api.Path, ""));
        return [.. methods.Select(m => new ApiTestOperation(m.ToUpperInvariant(), "", null, parameters, IsFreePath: true))];
    }

    /// <summary>
    /// Validates <paramref name="request"/>, sends it to the gateway and returns the answer. Bad input throws
    /// <see cref="ServiceValidationException"/> (fields <c>apiId</c>, <c>method</c>, <c>path</c>, <c>operation</c>,
    /// <c>pathParameters.{name}</c>, <c>query[i].name</c>, <c>headers[i].name|value</c>, <c>contentType</c>, <c>body</c>);
    /// an unknown API throws <see cref="EntityNotFoundException"/>.
    /// </summary>
    public async Task<ApiTestResult> SendAsync(ApiTestRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ApiId is not { } apiId)
        {
            throw new ServiceValidationException(new Dictionary<string, string[]> { ["apiId"] = ["Choose the API to test."] });
        }

        ApiDefinition api;
        List<ApiOperation> operations;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            api = await FindApiAsync(db, apiId, cancellationToken);
            operations = await db.ApiOperations.AsNoTracking().Where(o => o.ApiDefinitionId == apiId).ToListAsync(cancellationToken);
        }

        var call = Validate(api, operations, request);
        var requestId = RequestIdPrefix + RequestIds.Create();
        using var message = call.ToMessage(client.GatewayUri, requestId);
        var started = Stopwatch.GetTimestamp();
        ApiTestResult result;
        try
        {
            using var response = await client.Http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var (body, isJson, truncated) = await ReadBodyAsync(response, cancellationToken);
            var headers = response.Headers.Concat(response.Content.Headers).Select(h => new ApiTestPair(h.Key, string.Join(", ", h.Value))).ToList();
            result = new ApiTestResult(requestId, call.Method, message.RequestUri!.AbsoluteUri, (int)response.StatusCode, response.ReasonPhrase,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, headers, body, isJson, truncated, null, null);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(requestId, call.Method, message, started, $"The gateway did not answer within {ApiTestClient.Timeout.TotalSeconds:0} s.");
        }
        catch (HttpRequestException e)
        {
            return Failed(requestId, call.Method, message, started, "The gateway could not be reached: " + e.Message);
        }

        return result with { Trace = await TraceAsync(requestId, cancellationToken) };
    }

    private static ApiTestResult Failed(string requestId, string method, HttpRequestMessage message, long started, string error) =>
        new(requestId, method, message.RequestUri!.AbsoluteUri, 0, null, Stopwatch.GetElapsedTime(started).TotalMilliseconds, [], "", false, false, error, null);

    private static async Task<ApiDefinition> FindApiAsync(GatewayDbContext db, int apiId, CancellationToken cancellationToken) =>
        await db.Apis.AsNoTracking().SingleOrDefaultAsync(a => a.Id == apiId, cancellationToken)
        ?? throw new EntityNotFoundException("API", apiId.ToString(CultureInfo.InvariantCulture));

    /// <summary>Polls the call log for the call's row (written in batches) for up to <see cref="TraceWait"/>.</summary>
    private async Task<ApiTestTrace?> TraceAsync(string requestId, CancellationToken cancellationToken)
    {
        if (!callLogOptions.Value.Enabled)
        {
            return null;
        }

        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            if (await callLog.FindByRequestIdAsync(requestId, cancellationToken) is { } entry)
            {
                return ApiTestTrace.From(entry);
            }

            if (Stopwatch.GetElapsedTime(started) >= TraceWait)
            {
                return null;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    private static async Task<(string Body, bool IsJson, bool Truncated)> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxBodyBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        var truncated = length > MaxBodyBytes;
        length = Math.Min(length, MaxBodyBytes);
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        var isJson = mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
        var encoding = Encoding.UTF8;
        if (response.Content.Headers.ContentType?.CharSet is { Length: > 0 } charset)
        {
            try
            {
                encoding = Encoding.GetEncoding(charset.Trim('"'));
            }
            catch (ArgumentException)
            {
                encoding = Encoding.UTF8;
            }
        }

        var text = encoding.GetString(buffer, 0, length);
        if (isJson && !truncated && length > 0)
        {
            try
            {
                using var document = JsonDocument.Parse(buffer.AsMemory(0, length));
                text = JsonSerializer.Serialize(document.RootElement, IndentedJson);
            }
            catch (JsonException)
            {
                // Not valid JSON after all: shown as sent.
            }
        }

        return (text, isJson, truncated);
    }

    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Checks the request against the API and builds what is sent.</summary>
    internal static ApiTestCall Validate(ApiDefinition api, IReadOnlyList<ApiOperation> operations, ApiTestRequest request)
    {
        var errors = new ValidationErrors();
        var method = request.Method?.Trim().ToUpperInvariant() ?? "";
        var relative = (request.Path ?? "").Trim();
        if (relative == "/")
        {
            relative = "";
        }

        if (method.Length == 0)
        {
            errors.Add("method", "Choose the method.");
        }
        else if (!HttpSyntax.IsToken(method))
        {
            errors.Add("method", $"'{request.Method}' is not an HTTP method.");
        }

        if (relative.Length > 0 && (relative[0] != '/' || relative.IndexOfAny(['?', '#', '\\']) >= 0 || relative.Contains("//", StringComparison.Ordinal)
            || relative.Split('/').Any(s => s is "." or "..") || relative.Any(char.IsControl) || relative.Length > 2048))
        {
            errors.Add("path", "The path must start with '/', without '?', '#', '\\\\', empty, '.' or '..' segments; put query parameters in the query rows.");
        }

        if (errors.IsEmpty)
        {
            if (operations.Count > 0)
            {
                if (!operations.Any(o => string.Equals(o.Method, method, StringComparison.OrdinalIgnoreCase) && string.Equals(NormalizeRelative(o.Path), relative, StringComparison.Ordinal)))
                {
                    errors.Add("operation", $"{method} {(relative.Length == 0 ? "/" : relative)} is not one of the API's operations.");
                }
            }
            else if (api.Methods.Count > 0 && !api.Methods.Contains(method, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add("method", $"The API does not accept {method}; it accepts {string.Join(", ", api.Methods)}.");
            }
            else if (relative.Length > 0 && ApiPath.TryParse(api.Path, out var apiPath, out _) && apiPath!.IsTemplate)
            {
                errors.Add("path", "This API's path is a template matched as a whole: leave the path empty.");
            }
        }

        var path = FillPath(Combine(api.Path, relative), request.PathParameters, errors);
        var query = BuildQuery(request.Query, errors);
        var headers = CheckHeaders(request.Headers, errors);
        var body = request.Body ?? "";
        if (body.Length > MaxRequestBodyChars)
        {
            errors.Add("body", $"The body may be at most {MaxRequestBodyChars} characters.");
        }

        MediaTypeHeaderValue? contentType = null;
        var contentTypeText = request.ContentType?.Trim() ?? "";
        if (contentTypeText.Length > 0 && !MediaTypeHeaderValue.TryParse(contentTypeText, out contentType))
        {
            errors.Add("contentType", $"'{contentTypeText}' is not a media type such as application/json.");
        }

        errors.ThrowIfAny();
        if (body.Length > 0)
        {
            contentType ??= new MediaTypeHeaderValue("application/json");
        }

        return new ApiTestCall(method, path + query, headers, body, contentType);
    }

    private static string NormalizeRelative(string path)
    {
        var trimmed = path.Trim();
        return trimmed == "/" ? "" : trimmed;
    }

    /// <summary>The full gateway path template: the API's path followed by the operation's relative path.</summary>
    internal static string Combine(string apiPath, string relative)
    {
        var basePath = apiPath.Trim();
        if (basePath.Length > 1)
        {
            basePath = basePath.TrimEnd('/');
        }

        relative = NormalizeRelative(relative);
        if (relative.Length == 0)
        {
            return basePath;
        }

        return basePath == "/" ? relative : basePath + relative;
    }

    /// <summary>The distinct <c>{name}</c> parameters of <paramref name="template"/>, in order.</summary>
    internal static IReadOnlyList<string> ParameterNames(string template) =>
        [.. Parameter().Matches(template).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal)];

    private static string FillPath(string template, IReadOnlyDictionary<string, string?>? values, ValidationErrors errors) =>
        Parameter().Replace(template, match =>
        {
            var name = match.Groups[1].Value;
            var value = values?.FirstOrDefault(v => string.Equals(v.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
            if (string.IsNullOrEmpty(value))
            {
                errors.Add("pathParameters." + name, $"A value for {{{name}}} is required.");
                return match.Value;
            }

            return Uri.EscapeDataString(value);
        });

    private static string BuildQuery(IReadOnlyList<ApiTestPair?>? pairs, ValidationErrors errors)
    {
        if (pairs is null || pairs.Count == 0)
        {
            return "";
        }

        if (pairs.Count > MaxPairs)
        {
            errors.Add("query", $"At most {MaxPairs} query parameters.");
        }

        var query = new StringBuilder();
        for (var i = 0; i < pairs.Count; i++)
        {
            var name = pairs[i]?.Name?.Trim() ?? "";
            if (name.Length == 0)
            {
                errors.Add($"query[{i.ToString(CultureInfo.InvariantCulture)}].name", "The parameter name is required.");
                continue;
            }

            query.Append(query.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(pairs[i]?.Value ?? ""));
        }

        return query.ToString();
    }

    private static List<ApiTestPair> CheckHeaders(IReadOnlyList<ApiTestPair?>? pairs, ValidationErrors errors)
    {
        var result = new List<ApiTestPair>();
        if (pairs is null)
        {
            return result;
        }

        if (pairs.Count > MaxPairs)
        {
            errors.Add("headers", $"At most {MaxPairs} headers.");
        }

        for (var i = 0; i < pairs.Count; i++)
        {
            var field = $"headers[{i.ToString(CultureInfo.InvariantCulture)}]";
            var name = pairs[i]?.Name?.Trim() ?? "";
            var value = pairs[i]?.Value?.Trim() ?? "";
            if (!HttpSyntax.IsToken(name))
            {
                errors.Add(field + ".name", name.Length == 0 ? "The header name is required." : $"'{name}' is not a valid header name.");
            }
            else if (RefusedHeaders.Contains(name))
            {
                errors.Add(field + ".name", name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)
                    ? "Set the content type in its own field."
                    : $"{name} is set by the HTTP client (connection, length and request id headers cannot be sent by hand).");
            }

            if (!HttpSyntax.IsHeaderValue(value))
            {
                errors.Add(field + ".value", "The value may hold only visible ASCII characters and spaces (no line breaks).");
            }

            result.Add(new ApiTestPair(name, value));
        }

        return result;
    }

    [GeneratedRegex(@"\{\*{0,2}([A-Za-z0-9_.\-]+)(?::[^{}]*)?\}", RegexOptions.CultureInvariant)]
    private static partial Regex Parameter();
}
