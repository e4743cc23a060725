using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ApiManager.Admin.Tests.Browser;

/// <summary>
/// The product with the cookie's security-stamp check on every request (the product checks once a minute), so a
/// disabled user's next request shows whether the session really ends.
/// </summary>
public sealed class RoleBrowserFixture : BrowserServerFixture
{
    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.PostConfigure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero));
}
