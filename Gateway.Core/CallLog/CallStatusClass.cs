namespace ApiManager.Gateway.CallLog;

/// <summary>A status class filter of the call log: <c>2xx</c>, <c>3xx</c>, <c>4xx</c> or <c>5xx</c>.</summary>
public enum CallStatusClass
{
    Success = 2,
    Redirection = 3,
    ClientError = 4,
    ServerError = 5,
}
