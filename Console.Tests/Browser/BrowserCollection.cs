namespace ApiManager.Admin.Tests.Browser;

/// <summary>
/// The Chromium tests run one at a time (each starts a browser and a whole product server); the other test classes
/// still run in parallel beside them. Under a fully parallel run on two cores a page load could exceed its timeout.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection
{
    public const string Name = "Browser";
}
