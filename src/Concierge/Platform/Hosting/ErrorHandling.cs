using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Concierge.Platform.Hosting;

/// <summary>
/// Turns request-binding failures (malformed JSON, wrong types) into a 400 ProblemDetails naming the field, and anything
/// unexpected into a 500 ProblemDetails without internals.
/// </summary>
internal sealed class ErrorHandling(IProblemDetailsService problems, ILogger<ErrorHandling> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        int status;
        string title, detail;
        string? field = null;
        if (exception is BadHttpRequestException bad)
        {
            status = bad.StatusCode;
            title = "Invalid request";
            var json = exception.InnerException as JsonException ?? exception.InnerException?.InnerException as JsonException;
            if (json is not null)
            {
                field = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "body" : json.Path.TrimStart('$', '.');
                detail = $"The request body is not valid JSON for this endpoint (at '{json.Path ?? "$"}'{(json.LineNumber is { } line ? $", line {line + 1}" : "")}).";
            }
            else
            {
                detail = bad.Message;
                if (status == 400 && bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase)) field = "body";
            }
        }
        else
        {
            status = StatusCodes.Status500InternalServerError;
            title = "Server error";
            detail = "Something went wrong on our side; nothing was half-written. Please retry.";
            log.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
        }

        http.Response.StatusCode = status;
        var context = new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        };
        if (field is not null)
        {
            context.ProblemDetails.Extensions["field"] = field;
            context.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
        }
        return await problems.TryWriteAsync(context);
    }
}
