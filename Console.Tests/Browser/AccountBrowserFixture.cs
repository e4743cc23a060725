namespace ApiManager.Admin.Tests.Browser;

/// <summary>The product with its shipped account settings (5 wrong passwords lock for 15 minutes).</summary>
public sealed class AccountBrowserFixture : BrowserServerFixture
{
}
