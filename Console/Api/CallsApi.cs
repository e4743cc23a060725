using ApiManager.Admin.Api.Contracts;
using ApiManager.Gateway.CallLog;
using ApiManager.Gateway.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ApiManager.Admin.Api;

/// <summary><c>/admin/api/v1/calls</c>: the gateway call log, newest first, with filters; one request by its id.</summary>
internal static class CallsApi
{
    public static RouteGroupBuilder MapCallsApi(this RouteGroupBuilder api)
    {
        var calls = api.MapGroup("/calls").WithTags("Calls");
        calls.MapGet("/", ListAsync).WithName("ListCalls")
            .WithSummary("Lists recorded gateway requests, newest first. from/to are ISO 8601 date-times (UTC when no offset is given); " +
                "status is 2xx, 3xx, 4xx or 5xx; stage is a pipeline stage (Routing, Api, PreAuthentication, Authentication, ClientLimits, " +
                "Plugin, Admission, Backend); pass the previous page's nextBefore as before for older rows.")
            .ProducesValidationProblem();
        calls.MapGet("/{requestId}", GetAsync).WithName("GetCall")
            .WithSummary("The recorded request with this request id (the newest when a caller reused the id), with a plain-words explanation.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    internal static async Task<Ok<CallLogPageResponse>> ListAsync(
        DateTime? from,
        DateTime? to,
        int? apiId,
        string? clientId,
        string? status,
        bool? rejected,
        string? stage,
        string? requestId,
        long? before,
        int? limit,
        CallLogService calls,
        CancellationToken cancellationToken)
    {
        CallStatusClass? statusClass = null;
        var errors = new Dictionary<string, string[]>();
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (CallLogQuery.TryParseStatusClass(status, out var parsed))
            {
                statusClass = parsed;
            }
            else
            {
                errors["status"] = ["Status class must be 2xx, 3xx, 4xx or 5xx."];
            }
        }

        var query = new CallLogQuery
        {
            From = AdminApiQuery.Utc(from),
            To = AdminApiQuery.Utc(to),
            ApiId = apiId,
            ClientId = string.IsNullOrWhiteSpace(clientId) ? null : clientId.Trim(),
            StatusClass = statusClass,
            RejectedOnly = rejected == true,
            Stage = string.IsNullOrWhiteSpace(stage) ? null : stage.Trim(),
            RequestId = string.IsNullOrWhiteSpace(requestId) ? null : requestId.Trim(),
            Before = before,
            Limit = limit ?? CallLogQuery.DefaultLimit,
        };
        foreach (var (field, messages) in query.Validate())
        {
            errors[field] = messages;
        }

        if (errors.Count > 0)
        {
            throw new ServiceValidationException(errors);
        }

        var page = await calls.ListAsync(query, cancellationToken);
        return TypedResults.Ok(new CallLogPageResponse([.. page.Items.Select(e => CallLogEntryResponse.From(e))], page.NextBefore));
    }

    internal static async Task<Ok<CallLogEntryResponse>> GetAsync(string requestId, CallLogService calls, CancellationToken cancellationToken)
    {
        var entry = await calls.FindByRequestIdAsync(requestId, cancellationToken)
            ?? throw new EntityNotFoundException("Call", requestId);
        return TypedResults.Ok(CallLogEntryResponse.From(entry, explain: true));
    }
}
