using ApiManager.Gateway.Clients;

namespace ApiManager.Gateway.ApiUsers;

/// <summary>A client allowed to use the password grant for a restricted API user.</summary>
public sealed class ApiUserClient
{
    public int ApiUserId { get; set; }
    public ApiUser? ApiUser { get; set; }
    public int ApiClientId { get; set; }
    public ApiClient? Client { get; set; }
}
