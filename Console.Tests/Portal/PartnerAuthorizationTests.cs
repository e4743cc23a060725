using System.Security.Claims;
using ApiManager.Admin.Account;
using ApiManager.Admin.Portal;
using ApiManager.Gateway.Clients.Portal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Admin.Tests.Portal;

/// <summary>Partner and admin principals never satisfy each other's policies.</summary>
public sealed class PartnerAuthorizationTests
{
    private readonly IAuthorizationService _authorization;

    public PartnerAuthorizationTests()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAuthorizationBuilder().AddAdminPolicies().AddPartnerPolicy();
        _authorization = services.BuildServiceProvider().GetRequiredService<IAuthorizationService>();
    }

    [Theory]
    [InlineData(AdminPolicies.Read)]
    [InlineData(AdminPolicies.Write)]
    public async Task AuthorizeAsync_PartnerOnAdminPolicy_Denied(string policy)
    {
        // Arrange
        var partner = Partner(7);

        // Act
        var result = await _authorization.AuthorizeAsync(partner, policy);

        // Assert
        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task AuthorizeAsync_PartnerOnPartnerPolicy_Allowed()
    {
        // Act
        var result = await _authorization.AuthorizeAsync(Partner(7), PartnerAuthentication.Policy);

        // Assert
        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task AuthorizeAsync_AdministratorOnPartnerPolicy_Denied()
    {
        // Arrange
        var admin = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin"), new Claim(ClaimTypes.Role, AdminRoles.Administrator)], "Identity.Application"));

        // Act
        var result = await _authorization.AuthorizeAsync(admin, PartnerAuthentication.Policy);

        // Assert
        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task AuthorizeAsync_ForgedClaimInOtherScheme_Denied()
    {
        // Arrange: the client claim only counts in an identity of the partner scheme
        var forged = new ClaimsPrincipal(new ClaimsIdentity([new Claim(PartnerAuthentication.ClientDbIdClaim, "7")], "Identity.Application"));

        // Act
        var result = await _authorization.AuthorizeAsync(forged, PartnerAuthentication.Policy);

        // Assert
        Assert.False(result.Succeeded);
        Assert.Null(PartnerAuthentication.ClientDbIdOf(forged));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("x")]
    public void ClientDbIdOf_BadClaimValue_Null(string value)
    {
        // Arrange
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(PartnerAuthentication.ClientDbIdClaim, value)], PartnerAuthentication.Scheme));

        // Act
        var id = PartnerAuthentication.ClientDbIdOf(principal);

        // Assert
        Assert.Null(id);
    }

    private static ClaimsPrincipal Partner(int id) =>
        PartnerAuthentication.CreatePrincipal(new PartnerSignInResult(PartnerSignInStatus.Succeeded, id, "partner", "Partner"));
}
