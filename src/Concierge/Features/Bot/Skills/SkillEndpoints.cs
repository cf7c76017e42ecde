using System.Security.Claims;
using Concierge.Platform.Hosting;
using Concierge.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concierge.Features.Bot.Skills;

/// <summary>Skill definitions over REST (admins): the same use case as the admin page.</summary>
internal static class SkillEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/bot/skills").RequireAuthorization(Policies.Admin).WithTags("Bot");
        api.MapGet("/", async (ClaimsPrincipal user, ManageSkillDefinitions manage, CancellationToken ct) =>
            Done(await manage.List(user, ct))).WithSummary("Skills: built-in, modified or custom, and whether they are on.");
        api.MapGet("/{name}", async (string name, ClaimsPrincipal user, ManageSkillDefinitions manage, CancellationToken ct) =>
            Done(await manage.Get(name, user, ct))).WithSummary("One skill with its definition as JSON.");
        api.MapPost("/", async (ManageSkillDefinitions.SaveCommand command, ClaimsPrincipal user, ManageSkillDefinitions manage, CancellationToken ct) =>
            Saved(await manage.Save(null, command, user, ct))).WithSummary("Create a skill from a JSON or YAML definition ({\"definition\": \"…\"}).");
        api.MapPut("/{name}", async (string name, ManageSkillDefinitions.SaveCommand command, ClaimsPrincipal user, ManageSkillDefinitions manage, CancellationToken ct) =>
            Saved(await manage.Save(name, command, user, ct))).WithSummary("Change a skill (built-in ones are overridden); live for the bot when this returns.");
        api.MapPost("/{name}/enable", async (string name, ClaimsPrincipal user, ManageSkillDefinitions manage, CancellationToken ct) =>
            Done(await manage.SetEnabled(name, true, user, ct)));
        api.MapPost("/{name}/disable", async (string name, ClaimsPrincipal user, ManageSkillDefinitions manage, CancellationToken ct) =>
            Done(await manage.SetEnabled(name, false, user, ct))).WithSummary("Switch a skill off (the bot stops starting it).");
        api.MapDelete("/{name}", async (string name, ClaimsPrincipal user, ManageSkillDefinitions manage, CancellationToken ct) =>
        {
            var result = await manage.Reset(name, user, ct);
            return result.IsFailure ? (IResult)Problems.From(result) : TypedResults.NoContent();
        }).WithSummary("Reset a built-in skill to the shipped definition, or delete a custom one.");
    }

    private static Results<Ok<T>, ProblemHttpResult> Done<T>(Result<T> result) =>
        result.IsFailure ? Problems.From(result) : TypedResults.Ok(result.Value!);

    /// <summary>Every validation problem at once: <c>field</c> names the first, <c>errors</c> has them all by field.</summary>
    private static Results<Ok<SkillDefinitionView>, ProblemHttpResult> Saved(SkillSaveOutcome outcome)
    {
        if (outcome.Failure is { } failure) return Problems.From(failure);
        if (outcome.Saved is { } saved) return TypedResults.Ok(saved);
        var first = outcome.Problems[0];
        var errors = outcome.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
        return TypedResults.Problem(detail: string.Join(" ", outcome.Problems.Select(p => p.ToString())), statusCode: StatusCodes.Status400BadRequest,
            title: "Invalid skill definition", extensions: new Dictionary<string, object?> { ["field"] = first.Field, ["errors"] = errors });
    }
}
