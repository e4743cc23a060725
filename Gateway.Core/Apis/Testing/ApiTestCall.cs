using System.Net.Http.Headers;
using System.Text;
using ApiManager.Gateway.Pipeline;

namespace ApiManager.Gateway.Apis.Testing;

/// <summary>A validated test call: method, escaped path and query, headers and body.</summary>
internal sealed record ApiTestCall(string Method, string PathAndQuery, IReadOnlyList<ApiTestPair> Headers, string Body, MediaTypeHeaderValue? ContentType)
{
    /// <summary>The request to send to the gateway at <paramref name="gateway"/> with request id <paramref name="requestId"/>.</summary>
    public HttpRequestMessage ToMessage(Uri gateway, string requestId)
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), new Uri(gateway, PathAndQuery));
        if (Body.Length > 0)
        {
            message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body));
            message.Content.Headers.ContentType = ContentType;
        }

        foreach (var header in Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(header.Name!, header.Value))
            {
                message.Content ??= new ByteArrayContent([]);
                message.Content.Headers.TryAddWithoutValidation(header.Name!, header.Value);
            }
        }

        message.Headers.TryAddWithoutValidation(RequestIds.HeaderName, requestId);
        return message;
    }
}
