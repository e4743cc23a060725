using ApiManager.Gateway.ApiUsers;
using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Clients;
using ApiManager.Gateway.Tests.Clients;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ApiManager.Gateway.Tests.ApiUsers;

/// <summary>The real API user service and verifier over a <see cref="TempDatabase"/>, with a fake clock and settable options.</summary>
internal sealed class ApiUserTestServices
{
    public const string Password = "Corr3ct horse!";

    public ApiUserTestServices(TempDatabase database, ApiUserOptions? options = null)
    {
        Clients = new ClientTestServices(database);
        Time = Clients.Time;
        var audit = new AuditRecorder(database.Factory, Time);
        Options = new MutableOptionsMonitor(options ?? new ApiUserOptions());
        Users = new ApiUserService(database.Factory, audit, Clients.Hasher, Time);
        Verifier = new ResourceOwnerVerifier(database.Factory, Clients.Hasher, audit, Options, Time, NullLogger<ResourceOwnerVerifier>.Instance);
    }

    public ClientTestServices Clients { get; }

    public FakeTimeProvider Time { get; }

    public MutableOptionsMonitor Options { get; }

    public ApiUserService Users { get; }

    public ResourceOwnerVerifier Verifier { get; }

    public static ApiUserInput Input(string userName, params string[] allowedClients) => new()
    {
        UserName = userName,
        DisplayName = "User " + userName,
        Email = userName.Replace('@', '.') + "@example.com",
        Password = Password,
        ConfirmPassword = Password,
        AllowedClients = allowedClients,
    };

    public Task<ApiUser> CreateAsync(string userName, CancellationToken cancellationToken, params string[] allowedClients) =>
        Users.CreateAsync(Input(userName, allowedClients), GatewayHost.TestActor, cancellationToken);

    public Task<ApiClient> CreateClientAsync(string clientId, CancellationToken cancellationToken) =>
        Clients.Clients.CreateAsync(ClientTestServices.Input(clientId), GatewayHost.TestActor, cancellationToken);

    internal sealed class MutableOptionsMonitor(ApiUserOptions value) : IOptionsMonitor<ApiUserOptions>
    {
        public ApiUserOptions CurrentValue { get; set; } = value;

        public ApiUserOptions Get(string? name) => CurrentValue;

        public IDisposable? OnChange(Action<ApiUserOptions, string?> listener) => null;
    }
}
