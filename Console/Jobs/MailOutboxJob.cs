using ApiManager.Gateway.Mail;
using Quartz;

namespace ApiManager.Admin.Jobs;

/// <summary>Sends the due mails of the outbox. A run where every attempt failed counts as a failed run.</summary>
[DisallowConcurrentExecution]
internal sealed class MailOutboxJob(MailOutboxService outbox, IMailTransport transport) : IJob
{
    public static readonly JobKey Key = new("mail-outbox", JobsExtensions.Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var result = await outbox.SendDueAsync(transport, cancellationToken);
        context.Result = result.Describe();
        if (result.Sent == 0 && result.Retrying + result.GaveUp > 0)
        {
            throw new JobExecutionException(result.Describe());
        }
    }
}
