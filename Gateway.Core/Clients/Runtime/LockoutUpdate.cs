namespace ApiManager.Gateway.Clients.Runtime;

/// <summary>A failed-attempt count to persist for one client; <paramref name="Lock"/> when the threshold was reached.</summary>
internal readonly record struct LockoutUpdate(int ClientDbId, string ClientId, int FailedAttempts, bool Lock);
