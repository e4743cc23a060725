using System.Globalization;
using System.Net;
using ApiManager.Gateway.Auditing;
using ApiManager.Gateway.Credentials;
using ApiManager.Gateway.Credentials.OAuth;
using ApiManager.Gateway.Credentials.Runtime;
using ApiManager.Gateway.Data;
using ApiManager.Gateway.Runtime;
using ApiManager.Gateway.Tests.Shared;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ApiManager.Gateway.Tests.OAuth;

/// <summary>The runtime side: revocations written elsewhere, Kong-jwt coexistence, registry counting.</summary>
public sealed class TokenRuntimeTests(OAuthFixture fixture) : IClassFixture<OAuthFixture>
{
    private GatewayHost Host => fixture.Host;

    [Fact]
    public async Task DeleteExpiredAsync_TokenStillValid_KeptUntilItsLifetimeEnds()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (_, client) = await fixture.SetupAsync("cleanup", ct);
        var token = await OAuthTestClient.AccessTokenAsync(Host.Gateway, client.ClientId, OAuthFixture.Password, ct);
        var jti = new JsonWebToken(token).Id;
        var store = Host.Services.GetRequiredService<OAuthTokenStore>();
        var cleaner = Assert.Single(Host.Services.GetServices<IExpiredTokenCleaner>());
        DateTime expiresAt;
        await using (var db = await Host.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContextAsync(ct))
        {
            expiresAt = (await db.OAuthTokens.SingleAsync(t => t.Jti == jti, ct)).ExpiresAt;
        }

        // Act
        await cleaner.DeleteExpiredAsync(expiresAt.AddSeconds(-1), ct);
        var kept = await store.FindAsync(jti, ct);
        var deleted = await cleaner.DeleteExpiredAsync(expiresAt.AddSeconds(1), ct);
        var gone = await store.FindAsync(jti, ct);

        // Assert
        Assert.Same(store, cleaner);
        Assert.NotNull(kept);
        Assert.True(deleted >= 1);
        Assert.Null(gone);
    }

    [Fact]
    public async Task Call_RevokedInDatabaseByAnotherNode_401AfterSnapshotRebuild()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client) = await fixture.SetupAsync("remote", ct);
        var token = await OAuthTestClient.AccessTokenAsync(Host.Gateway, client.ClientId, OAuthFixture.Password, ct);
        var jti = new JsonWebToken(token).Id;
        using var before = await Host.Gateway.SendAsync(OAuthTestClient.Bearer(path, token), ct);

        // Act: what another node's revocation leaves behind: the row and a config version bump.
        await using (var db = await Host.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContextAsync(ct))
        {
            var row = await db.OAuthTokens.SingleAsync(t => t.Jti == jti, ct);
            row.Status = OAuthTokenStatus.Revoked;
            await Host.Services.GetRequiredService<ConfigChangeWriter>().CommitAsync(db, GatewayHost.TestActor,
                () => new AuditChange(OAuthTokenStore.EntityName, jti, "Revoked", null, null), ct);
        }

        await fixture.WaitForConfigAsync(ct);
        await TokenEndpointTests.WaitForAsync(async () =>
        {
            using var probe = await Host.Gateway.SendAsync(OAuthTestClient.Bearer(path, token), ct);
            return probe.StatusCode == HttpStatusCode.Unauthorized;
        }, ct);
        using var after = await Host.Gateway.SendAsync(OAuthTestClient.Bearer(path, token), ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        var problem = await ProblemBody.AssertAsync(after, 401, "invalid_token", ct);
        Assert.Contains("revoked", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IsPresent_ApiAlsoAcceptsKongJwt_ClaimsOnlyTokensWithOurKid()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client) = await fixture.SetupAsync("kong", ct);
        var ours = await OAuthTestClient.AccessTokenAsync(Host.Gateway, client.ClientId, OAuthFixture.Password, ct);
        var foreignHeader = Base64UrlEncoder.Encode("""{"alg":"HS256","typ":"JWT","kid":"partner-key"}""");
        var foreign = foreignHeader + "." + Base64UrlEncoder.Encode("""{"iss":"partner-key"}""") + ".c2ln";
        var handler = Host.Services.GetServices<ICredentialHandler>().OfType<OAuthTokenHandler>().Single();
        var route = Host.Provider.Current!.Routes.Values.Single(r => r.Path.StartsWith(path, StringComparison.Ordinal));
        var withJwt = route with { AcceptedCredentials = route.AcceptedCredentials | CredentialTypes.Jwt };

        // Act
        var oursPresent = handler.IsPresent(Context(ours), withJwt);
        var foreignPresent = handler.IsPresent(Context(foreign), withJwt);
        var foreignWithoutJwt = handler.IsPresent(Context(foreign), route);
        var garbagePresent = handler.IsPresent(Context("%%%." + new string('x', 3000)), withJwt);

        // Assert
        Assert.True(oursPresent);
        Assert.False(foreignPresent);
        Assert.True(foreignWithoutJwt);
        Assert.False(garbagePresent);
    }

    [Fact]
    public async Task Call_DisabledClientWithValidToken_403()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var (path, client) = await fixture.SetupAsync("disabledlater", ct);
        var token = await OAuthTestClient.AccessTokenAsync(Host.Gateway, client.ClientId, OAuthFixture.Password, ct);
        await ClientSeeder.UpdateClientAsync(Host, client.Id, c => c.Status = ApiManager.Gateway.Clients.ClientStatus.Disabled, ct);
        await fixture.WaitForConfigAsync(ct);

        // Act
        using var response = await Host.Gateway.SendAsync(OAuthTestClient.Bearer(path, token), ct);

        // Assert
        await ProblemBody.AssertAsync(response, 403, "client_disabled", ct);
    }

    [Fact]
    public void Registry_ConcurrentConsume_NeverExceedsQuota()
    {
        // Arrange
        var registry = new TokenRegistry();
        var entry = new TokenEntry
        {
            Jti = "j1",
            Kind = OAuthTokenKind.Access,
            ClientDbId = 1,
            Subject = "c",
            Groups = new HashSet<int>(),
            ExpiresAt = DateTime.MaxValue,
            Quota = 1000,
        };
        registry.Add(entry);

        // Act
        var granted = 0;
        Parallel.For(0, 5000, _ =>
        {
            if (registry.Consume(entry))
            {
                Interlocked.Increment(ref granted);
            }
        });

        // Assert
        Assert.Equal(1000, granted);
        Assert.Equal(1000, entry.Uses);
        Assert.True(entry.UsedUp);
    }

    [Fact]
    public void Registry_Merge_StatusOnlyLeavesActiveAndCountsOnlyGrow()
    {
        // Arrange
        var registry = new TokenRegistry();
        var now = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var row = new OAuthToken { Jti = "j", Subject = "s", Scope = "", GroupIds = "1,2", FamilyId = "j", ExpiresAt = now.AddHours(1), Uses = 5, UseQuota = 10 };
        registry.Merge([row], now);
        registry.TryGet("j", out var entry);
        registry.SetStatus(["j"], OAuthTokenStatus.Revoked);

        // Act
        registry.Merge([new OAuthToken { Jti = "j", Subject = "s", Scope = "", GroupIds = "1,2", FamilyId = "j", ExpiresAt = now.AddHours(1), Uses = 2, Status = OAuthTokenStatus.Active },
            new OAuthToken { Jti = "old", Subject = "s", Scope = "", GroupIds = "", FamilyId = "old", ExpiresAt = now.AddSeconds(-1) }], now);

        // Assert
        Assert.Equal(OAuthTokenStatus.Revoked, entry.Status);
        Assert.Equal(5, entry.Uses);
        Assert.Equal([1, 2], entry.Groups.Order());
        Assert.False(registry.TryGet("old", out _));
    }

    private static DefaultHttpContext Context(string token)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = "Bearer " + token;
        return context;
    }
}
