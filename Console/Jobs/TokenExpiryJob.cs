using ApiManager.Gateway.Credentials;
using Quartz;

namespace ApiManager.Admin.Jobs;

/// <summary>Marks expired keys, mails expiry reminders and deletes expired token records (<see cref="CredentialExpiryService"/>).</summary>
[DisallowConcurrentExecution]
internal sealed class TokenExpiryJob(CredentialExpiryService expiry) : IJob
{
    public static readonly JobKey Key = new("token-expiry", JobsExtensions.Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var result = await expiry.RunAsync(cancellationToken);
        context.Result = result.ToString();
    }
}
