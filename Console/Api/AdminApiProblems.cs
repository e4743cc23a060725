using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace ApiManager.Admin.Api;

/// <summary>Builds and writes the admin API's RFC 9457 problem bodies, each with a <c>traceId</c>.</summary>
internal static class AdminApiProblems
{
    public static ProblemDetails Create(HttpContext context, int status, string title, string? detail) =>
        WithTraceId(context, new ProblemDetails { Status = status, Title = title, Detail = detail });

    public static HttpValidationProblemDetails Validation(HttpContext context, IReadOnlyDictionary<string, string[]> errors) =>
        WithTraceId(context, new HttpValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more fields are invalid.",
            Detail = "See 'errors' for the fields to correct.",
        });

    public static Task WriteAsync(HttpContext context, int status, string title, string? detail) =>
        WriteAsync(context, Create(context, status, title, detail));

    public static Task WriteAsync(HttpContext context, ProblemDetails problem)
    {
        context.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return TypedResults.Problem(problem).ExecuteAsync(context);
    }

    private static T WithTraceId<T>(HttpContext context, T problem)
        where T : ProblemDetails
    {
        problem.Extensions["traceId"] = Activity.Current?.Id ?? context.TraceIdentifier;
        return problem;
    }
}
