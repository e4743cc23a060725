using ApiManager.Gateway.Credentials.XApiKeys;

namespace ApiManager.Admin.Api.Contracts;

/// <summary>
/// A new X-Api-Key: <see cref="Key"/> appears in this response only. <see cref="MailedTo"/> lists the addresses the key
/// was queued for; when empty, <see cref="MailProblem"/> says why no mail was sent.
/// </summary>
internal sealed record CreatedXApiKeyResponse(string Key, XApiKeyResponse XApiKey, bool MailQueued, IReadOnlyList<string> MailedTo, string? MailProblem)
{
    public static CreatedXApiKeyResponse From(XApiKeyCreated c) => new(c.Key, XApiKeyResponse.From(c.XApiKey), c.MailQueued, c.MailedTo, c.MailProblem);
}
