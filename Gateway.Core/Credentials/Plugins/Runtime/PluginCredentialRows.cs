using ApiManager.Gateway.Data;
using Microsoft.EntityFrameworkCore;

namespace ApiManager.Gateway.Credentials.Plugins.Runtime;

/// <summary>The key-auth and JWT credential rows a snapshot is built from.</summary>
internal sealed record PluginCredentialRows(IReadOnlyList<KeyAuthCredential> KeyAuth, IReadOnlyList<JwtCredential> Jwt)
{
    public static PluginCredentialRows Empty { get; } = new([], []);

    public static async Task<PluginCredentialRows> ReadAsync(GatewayDbContext db, CancellationToken cancellationToken) => new(
        await db.KeyAuthCredentials.AsNoTracking().OrderBy(k => k.Id).ToListAsync(cancellationToken),
        await db.JwtCredentials.AsNoTracking().OrderBy(j => j.Id).ToListAsync(cancellationToken));
}
