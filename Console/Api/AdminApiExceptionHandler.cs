using System.Text.Json;
using System.Text.RegularExpressions;
using ApiManager.Gateway.Common;
using Microsoft.AspNetCore.Diagnostics;

namespace ApiManager.Admin.Api;

/// <summary>
/// The one place where the admin API turns exceptions into problem responses: service validation → 400 with
/// <c>errors</c>, unreadable input → 400, missing entity → 404, conflict → 409, anything else → 500 without internals.
/// Only requests under the API prefix are handled; others are left to the rest of the app.
/// </summary>
internal sealed partial class AdminApiExceptionHandler(ILogger<AdminApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!AdminApiExtensions.IsAdminApiRequest(httpContext) || httpContext.Response.HasStarted)
        {
            return false;
        }

        var problem = exception switch
        {
            ServiceValidationException validation => AdminApiProblems.Validation(httpContext, validation.Errors),
            EntityNotFoundException notFound => AdminApiProblems.Create(httpContext, StatusCodes.Status404NotFound, "Not Found", notFound.Message),
            EntityConflictException conflict => AdminApiProblems.Create(httpContext, StatusCodes.Status409Conflict, "Conflict", conflict.Message),
            BadHttpRequestException badRequest => AdminApiProblems.Create(httpContext, badRequest.StatusCode, TitleOf(badRequest.StatusCode), Describe(badRequest)),
            _ => null,
        };

        if (problem is null)
        {
            LogUnexpected(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
            problem = AdminApiProblems.Create(httpContext, StatusCodes.Status500InternalServerError, "Internal Server Error",
                "An unexpected error occurred. Quote the traceId when reporting it.");
        }

        await AdminApiProblems.WriteAsync(httpContext, problem);
        return true;
    }

    /// <summary>A client-facing reason for a binding failure, without type names from inside the product.</summary>
    internal static string Describe(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json)
        {
            var where = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "" : $" at '{json.Path}'";
            var line = json.LineNumber is { } l ? $" (line {l + 1}, byte {json.BytePositionInLine + 1})" : "";
            return $"The request body is not valid JSON or holds a value of the wrong type{where}{line}.";
        }

        var missing = MissingValue().Match(exception.Message);
        if (exception.Message.StartsWith("Implicit body inferred", StringComparison.Ordinal)
            || (missing.Success && missing.Groups["source"].Value == "body"))
        {
            return "A JSON request body is required.";
        }

        if (missing.Success)
        {
            return $"The {missing.Groups["source"].Value} value '{missing.Groups["name"].Value}' is required.";
        }

        var binding = BindingFailure().Match(exception.Message);
        if (binding.Success)
        {
            var expected = binding.Groups["type"].Value switch
            {
                var t when t.Contains("DateTime", StringComparison.Ordinal) => "an ISO 8601 date-time",
                var t when t.Contains("int", StringComparison.OrdinalIgnoreCase) => "a whole number",
                _ => "a value of another format",
            };
            var value = binding.Groups["value"].Value;
            value = value.Length > 50 ? value[..50] + "..." : value;
            return $"The query value '{binding.Groups["name"].Value}' is not valid: '{value}' is not {expected}.";
        }

        return exception.Message;
    }

    private static string TitleOf(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "Payload Too Large",
        StatusCodes.Status415UnsupportedMediaType => "Unsupported Media Type",
        _ => "Bad Request",
    };

    [GeneratedRegex("^Failed to bind parameter \"(?<type>[^\"]+) (?<name>[A-Za-z0-9_]+)\" from \"(?<value>.*)\"\\.$")]
    private static partial Regex BindingFailure();

    [GeneratedRegex("^Required parameter \"(?<type>[^\"]+) (?<name>[A-Za-z0-9_]+)\" was not provided from (?<source>[A-Za-z ]+)\\.$")]
    private static partial Regex MissingValue();

    [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "Admin API request {Method} {Path} failed.")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string path);
}
