namespace ApiManager.Gateway.ApiUsers;

/// <summary>An authenticated API user, as tokens name it: <c>sub</c> is <see cref="Id"/> as text, the user name is carried too.</summary>
/// <param name="Id">Database id.</param>
/// <param name="UserName">Sign-in name.</param>
/// <param name="DisplayName">Name shown on consent screens.</param>
internal sealed record ResourceOwner(int Id, string UserName, string DisplayName);
