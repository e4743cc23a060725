using System.Globalization;
using ApiManager.Gateway.Common;
using ApiManager.Gateway.Data;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Clients;

/// <summary>
/// How feature services that act on one client (security settings, keys, plugin credentials, token settings) find it
/// by database id: the same query shapes, and the same <see cref="EntityNotFoundException"/> when it does not exist.
/// </summary>
internal static class ClientLookup
{
    /// <summary>The client from <paramref name="clients"/> (tracked or not, with what it includes), or not found.</summary>
    public static async Task<ApiClient> RequireAsync(IQueryable<ApiClient> clients, int id, CancellationToken cancellationToken) =>
        await clients.FirstOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw NotFound(id);

    /// <summary>Throws not found unless the client exists.</summary>
    public static async Task EnsureExistsAsync(GatewayDbContext db, int id, CancellationToken cancellationToken)
    {
        if (!await db.ApiClients.AnyAsync(c => c.Id == id, cancellationToken))
        {
            throw NotFound(id);
        }
    }

    /// <summary>The rank of the client's security level (1 = highest), or not found.</summary>
    public static async Task<int> RankAsync(GatewayDbContext db, int id, CancellationToken cancellationToken) =>
        await db.ApiClients.Where(c => c.Id == id).Select(c => (int?)c.SecurityLevel!.Rank).FirstOrDefaultAsync(cancellationToken)
            ?? throw NotFound(id);

    private static EntityNotFoundException NotFound(int id) => new(ApiClientService.EntityName, id.ToString(CultureInfo.InvariantCulture));
}
