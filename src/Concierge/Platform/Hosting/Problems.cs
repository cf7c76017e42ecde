using Microsoft.AspNetCore.Http.HttpResults;

namespace Concierge.Platform.Hosting;

/// <summary>Turns failed <see cref="Result"/>s into RFC 7807 ProblemDetails with the field and the reason.</summary>
internal static class Problems
{
    public static ProblemHttpResult From(Result result)
    {
        var (status, title) = result.Status switch
        {
            ResultStatus.NotFound => (StatusCodes.Status404NotFound, "Not found"),
            ResultStatus.Forbidden => (StatusCodes.Status403Forbidden, "Forbidden"),
            ResultStatus.Conflict => (StatusCodes.Status409Conflict, "Conflict"),
            _ => (StatusCodes.Status400BadRequest, "Invalid request"),
        };
        return Problem(status, title, result.Error ?? title, result.Field);
    }

    public static ProblemHttpResult Invalid(string field, string detail) =>
        Problem(StatusCodes.Status400BadRequest, "Invalid request", detail, field);

    public static ProblemHttpResult Problem(int status, string title, string detail, string? field = null)
    {
        var extensions = new Dictionary<string, object?>();
        if (field is not null)
        {
            extensions["field"] = field;
            extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
        }
        return TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);
    }
}
