using System.Security.Claims;
using Concierge.Platform.Hosting;
using Concierge.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concierge.Features.Agents;

/// <summary>Agents and API tokens over REST (same use cases as the admin screens).</summary>
internal static class AgentEndpoints
{
    public sealed record TokenRequest(string? Name);

    public static void Map(IEndpointRouteBuilder app)
    {
        var agents = app.MapGroup("/api/v1/agents").RequireAuthorization(Policies.Agent).WithTags("Agents");
        agents.MapGet("/", async (ManageAgents manage, CancellationToken ct) => TypedResults.Ok(await manage.List(ct)))
            .WithSummary("All agents with roles, skills, capacity and inboxes.");
        agents.MapGet("/me", Me).WithSummary("The agent the cookie or token belongs to.");
        agents.MapPost("/", Create).WithSummary("Create an agent (admin).");
        agents.MapPatch("/{id:guid}", Update).WithSummary("Change an agent (admin; agents may change their own name, language, password).");

        var tokens = app.MapGroup("/api/v1/api-tokens").RequireAuthorization(Policies.Agent).WithTags("API tokens");
        tokens.MapGet("/", ListTokens).WithSummary("Your API tokens (admins: all).");
        tokens.MapPost("/", CreateToken).WithSummary("Create a personal API token; the secret is returned once.");
        tokens.MapDelete("/{id:guid}", RevokeToken).WithSummary("Revoke a token; it stops working at once.");
    }

    private static async Task<Results<Ok<AgentView>, ProblemHttpResult>> Me(ClaimsPrincipal user, ManageAgents manage, CancellationToken ct)
    {
        var me = Access.AgentId(user);
        var agent = (await manage.List(ct)).FirstOrDefault(a => a.Id == me);
        return agent is null ? Problems.Problem(404, "Not found", "Agent not found.") : TypedResults.Ok(agent);
    }

    private static async Task<Results<Created<AgentView>, ProblemHttpResult>> Create(ManageAgents.CreateCommand? command, ClaimsPrincipal user,
        ManageAgents manage, CancellationToken ct)
    {
        if (command is null) return Problems.Invalid("body", "The request body is required.");
        var result = await manage.Create(command, user, ct);
        return result.IsFailure ? Problems.From(result) : TypedResults.Created($"/api/v1/agents/{result.Value!.Id}", result.Value);
    }

    private static async Task<Results<Ok<AgentView>, ProblemHttpResult>> Update(Guid id, ManageAgents.UpdateCommand? command, ClaimsPrincipal user,
        ManageAgents manage, CancellationToken ct)
    {
        if (command is null) return Problems.Invalid("body", "The request body is required.");
        var result = await manage.Update(id, command, user, ct);
        return result.IsFailure ? Problems.From(result) : TypedResults.Ok(result.Value!);
    }

    private static async Task<Results<Ok<IReadOnlyList<ApiTokenView>>, ProblemHttpResult>> ListTokens(ClaimsPrincipal user, ManageApiTokens manage, CancellationToken ct)
    {
        var result = await manage.List(user, ct);
        return result.IsFailure ? Problems.From(result) : TypedResults.Ok(result.Value!);
    }

    private static async Task<Results<Created<CreatedApiToken>, ProblemHttpResult>> CreateToken(TokenRequest? request, ClaimsPrincipal user,
        ManageApiTokens manage, CancellationToken ct)
    {
        var result = await manage.Create(request?.Name, user, ct);
        return result.IsFailure ? Problems.From(result) : TypedResults.Created($"/api/v1/api-tokens/{result.Value!.Token.Id}", result.Value);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeToken(Guid id, ClaimsPrincipal user, ManageApiTokens manage, CancellationToken ct)
    {
        var result = await manage.Revoke(id, user, ct);
        return result.IsFailure ? Problems.From(result) : TypedResults.NoContent();
    }
}
