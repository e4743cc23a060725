using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ApiManager.Admin.Tests.Shared;

/// <summary>
/// A real local SMTP server for tests: Debian's aiosmtpd run as a child process, storing mails in a Maildir.
/// Fails loudly when /usr/bin/python3 or the aiosmtpd module is missing (install <c>python3-aiosmtpd</c>); never skips.
/// </summary>
internal sealed class SmtpTestServer : IAsyncDisposable
{
    public const string Python = "/usr/bin/python3";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private Process? _process;
    private readonly StringBuilder _output = new();

    private SmtpTestServer(int port, string mailDirectory)
    {
        Port = port;
        MailDirectory = mailDirectory;
    }

    public int Port { get; }

    /// <summary>The Maildir; delivered mails appear in its <c>new</c> folder.</summary>
    public string MailDirectory { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Reserves a free loopback port and a mail folder without starting the server (to test "server down").</summary>
    public static SmtpTestServer Prepare()
    {
        var directory = Path.Combine(Path.GetTempPath(), "apimanager-smtp-tests", Guid.NewGuid().ToString("N"));
        foreach (var folder in new[] { "tmp", "new", "cur" })
        {
            // A Maildir needs all three; aiosmtpd only creates them when the folder itself is missing.
            Directory.CreateDirectory(Path.Combine(directory, folder));
        }

        return new SmtpTestServer(FreePort(), directory);
    }

    /// <summary>Prepares and starts a server.</summary>
    public static async Task<SmtpTestServer> StartNewAsync(CancellationToken cancellationToken)
    {
        var server = Prepare();
        await server.StartAsync(cancellationToken);
        return server;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (IsRunning)
        {
            return;
        }

        await EnsurePrerequisitesAsync(cancellationToken);
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", MailDirectory })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Python} -m aiosmtpd.");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new InvalidOperationException($"aiosmtpd exited with code {process.ExitCode} before accepting connections on port {Port}: {Output}");
            }

            if (await AnswersAsync(cancellationToken))
            {
                return;
            }

            if (deadline.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"aiosmtpd did not accept connections on 127.0.0.1:{Port} within {StartTimeout.TotalSeconds} s: {Output}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    public async Task StopAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        process.Dispose();
    }

    /// <summary>Files of delivered mails (the Maildir's <c>new</c> folder).</summary>
    public IReadOnlyList<string> DeliveredFiles()
    {
        var folder = Path.Combine(MailDirectory, "new");
        return Directory.Exists(folder) ? Directory.GetFiles(folder) : [];
    }

    /// <summary>Waits until a delivered mail contains <paramref name="text"/>; returns its content.</summary>
    public async Task<string> WaitForMailContainingAsync(string text, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            foreach (var file in DeliveredFiles())
            {
                var content = await File.ReadAllTextAsync(file, cancellationToken);
                if (content.Contains(text, StringComparison.Ordinal))
                {
                    return content;
                }
            }

            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"No mail containing '{text}' arrived in {MailDirectory}/new within {timeout.TotalSeconds} s ({DeliveredFiles().Count} file(s) there).");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(MailDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }

    private string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
            using var reader = new StreamReader(client.GetStream(), Encoding.ASCII);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            var banner = await reader.ReadLineAsync(timeout.Token);
            return banner?.StartsWith("220", StringComparison.Ordinal) == true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static async Task EnsurePrerequisitesAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"{Python} is missing: the SMTP tests need Debian's python3 with python3-aiosmtpd (apt-get install -y python3-aiosmtpd).");
        }

        var check = new ProcessStartInfo(Python) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        check.ArgumentList.Add("-c");
        check.ArgumentList.Add("import aiosmtpd.handlers");
        using var process = Process.Start(check) ?? throw new InvalidOperationException($"Could not run {Python}.");
        var error = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The Python module aiosmtpd is missing for {Python} (apt-get install -y python3-aiosmtpd): {error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
