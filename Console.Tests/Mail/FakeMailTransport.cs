using ApiManager.Gateway.Mail;

namespace ApiManager.Admin.Tests.Mail;

/// <summary>Records every mail handed to it; fails while <see cref="FailWith"/> is set.</summary>
internal sealed class FakeMailTransport : IMailTransport
{
    private readonly List<OutboxMail> _sent = [];
    private int _calls;

    /// <summary>When set, every send throws this message as an <see cref="IOException"/>.</summary>
    public string? FailWith { get; set; }

    public IReadOnlyList<OutboxMail> Sent
    {
        get
        {
            lock (_sent)
            {
                return [.. _sent];
            }
        }
    }

    public int Calls => Volatile.Read(ref _calls);

    public Task SendAsync(OutboxMail mail, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _calls);
        if (FailWith is { } message)
        {
            throw new IOException(message);
        }

        lock (_sent)
        {
            _sent.Add(mail);
        }

        return Task.CompletedTask;
    }
}
