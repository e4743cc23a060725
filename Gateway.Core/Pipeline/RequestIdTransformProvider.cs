using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace ApiManager.Gateway.Pipeline;

/// <summary>
/// Keeps the gateway's <c>X-Request-Id</c> on proxied responses: the backend's response headers are copied after the
/// gateway set its own, so a backend echoing the id would otherwise duplicate it.
/// </summary>
internal sealed class RequestIdTransformProvider : ITransformProvider
{
    private static readonly Func<ResponseTransformContext, ValueTask> SetRequestId = static context =>
    {
        context.HttpContext.Response.Headers[RequestIds.HeaderName] = context.HttpContext.TraceIdentifier;
        return ValueTask.CompletedTask;
    };

    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.AddResponseTransform(SetRequestId);
    }
}
