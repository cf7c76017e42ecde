using System.Text.Json;
using System.Text.Json.Nodes;

namespace Concierge.Features.Bot.Skills.Connectors;

/// <summary>
/// A company system a skill's action calls (orders, tickets …). Implementations never throw for a failed call: they
/// report <see cref="ConnectorOutcome.Failed"/>, and the skill apologises and offers a human.
/// </summary>
public interface ISkillConnector
{
    /// <summary>The name skill definitions use in <c>action.connector</c>.</summary>
    string Name { get; }

    /// <param name="pathAndQuery">Relative to the connector's base address, already URL-encoded.</param>
    Task<ConnectorResult> Send(HttpMethod method, string pathAndQuery, JsonObject? body, CancellationToken ct);
}

public enum ConnectorOutcome { Ok, NotFound, Rejected, Failed }

/// <param name="Body">The JSON the system answered with, if any.</param>
/// <param name="Detail">What went wrong, for the bot's explanation record.</param>
public sealed record ConnectorResult(ConnectorOutcome Outcome, JsonElement? Body, string Detail);
