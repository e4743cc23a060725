namespace ApiManager.Admin.Api;

/// <summary>
/// Authorization policies of the admin REST API. They name only the bearer-token scheme, so a console cookie can
/// never authorise an API call.
/// </summary>
internal static class AdminApiPolicies
{
    /// <summary>Any token of an Administrator or Operator.</summary>
    public const string Read = "admin-api.read";

    /// <summary>Tokens of Administrators only: every catalog write.</summary>
    public const string Write = "admin-api.write";
}
