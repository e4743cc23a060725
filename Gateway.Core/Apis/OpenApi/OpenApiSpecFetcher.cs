using System.Net;
using System.Text;
using ApiManager.Gateway.Common;

namespace ApiManager.Gateway.Apis.OpenApi;

/// <summary>Fetches an OpenAPI document from an http(s) URL on the server, within a time and size limit.</summary>
public sealed class OpenApiSpecFetcher(OpenApiImportOptions options) : IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler { AllowAutoRedirect = true, MaxAutomaticRedirections = 3, UseCookies = false })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>Returns the document text; any failure is a <see cref="ServiceValidationException"/> on <c>url</c>.</summary>
    public async Task<string> FetchAsync(string? url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw Invalid("Enter an absolute http or https URL.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.FetchTimeout);
        try
        {
            using var response = await _client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw Invalid($"The URL answered {(int)response.StatusCode} {ReasonOf(response.StatusCode)}.");
            }

            if (response.Content.Headers.ContentLength > options.MaxSpecBytes)
            {
                throw Invalid(TooLarge());
            }

            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            var buffer = new byte[Math.Min(options.MaxSpecBytes + 1, 81920)];
            using var collected = new MemoryStream();
            int read;
            while ((read = await body.ReadAsync(buffer, timeout.Token)) > 0)
            {
                collected.Write(buffer, 0, read);
                if (collected.Length > options.MaxSpecBytes)
                {
                    throw Invalid(TooLarge());
                }
            }

            return Encoding.UTF8.GetString(collected.GetBuffer(), 0, (int)collected.Length);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Invalid($"The URL did not answer within {options.FetchTimeout.TotalSeconds:0.#} seconds.");
        }
        catch (HttpRequestException ex)
        {
            throw Invalid($"The URL could not be fetched: {ex.Message}");
        }
    }

    public void Dispose() => _client.Dispose();

    private static string ReasonOf(HttpStatusCode status) => status.ToString();

    private string TooLarge() => $"The document is larger than {options.MaxSpecBytes / 1024} KB.";

    private static ServiceValidationException Invalid(string message) =>
        new(new Dictionary<string, string[]> { ["url"] = [message] });
}
