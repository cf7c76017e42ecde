namespace Concierge.Platform;

/// <summary>The outcome of a use case: success (optionally with a value) or a failure the edge turns into ProblemDetails.</summary>
public record Result
{
    public ResultStatus Status { get; init; }
    public string? Error { get; init; }
    /// <summary>The request field the error is about, when there is one (reported in ProblemDetails as "field").</summary>
    public string? Field { get; init; }

    public bool IsSuccess => Status == ResultStatus.Ok;
    public bool IsFailure => !IsSuccess;

    public static Result Ok() => new() { Status = ResultStatus.Ok };
    public static Result NotFound(string error = "Not found.") => new() { Status = ResultStatus.NotFound, Error = error };
    public static Result Forbidden(string error = "You are not allowed to do this.") => new() { Status = ResultStatus.Forbidden, Error = error };
    public static Result Invalid(string field, string error) => new() { Status = ResultStatus.Invalid, Field = field, Error = error };
    public static Result Conflict(string error) => new() { Status = ResultStatus.Conflict, Error = error };
}

public sealed record Result<T> : Result
{
    public T? Value { get; init; }

    public static Result<T> Ok(T value) => new() { Status = ResultStatus.Ok, Value = value };
    public static Result<T> From(Result failure) => new() { Status = failure.Status, Error = failure.Error, Field = failure.Field };
}

public enum ResultStatus { Ok, NotFound, Forbidden, Invalid, Conflict }
