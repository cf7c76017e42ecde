using Microsoft.AspNetCore.Identity;

namespace Concierge.Features.Agents;

/// <summary>A person who signs in: admin, supervisor or agent. Stored by ASP.NET Core Identity.</summary>
public sealed class Agent : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";
    /// <summary>One of <see cref="Roles"/>.</summary>
    public string Role { get; set; } = Roles.Agent;
    /// <summary>Skill tags, comma separated (e.g. "refund,english,vip").</summary>
    public string Skills { get; set; } = "";
    public int MaxConcurrentChats { get; set; } = 5;
    /// <summary>Preferred UI language ("zh-CN" or "en"); empty = follow the browser.</summary>
    public string Language { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Junior, senior or expert: VIP and upset customers go to the most senior suitable agent first.</summary>
    public Routing.Engine.AgentLevel Level { get; set; }
    /// <summary>Teams/departments, comma separated (e.g. "after-sales,risk"). Transfers can go to a team.</summary>
    public string Teams { get; set; } = "";
    /// <summary>Online / busy / away / offline, set by the agent and by inactivity. Only online agents receive new chats.</summary>
    public Routing.Engine.Presence Presence { get; set; }
    public DateTimeOffset? PresenceChangedAt { get; set; }

    public IReadOnlyList<string> SkillList => SplitTags(Skills);
    public IReadOnlyList<string> TeamList => SplitTags(Teams);

    public static IReadOnlyList<string> SplitTags(string tags) =>
        tags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

public static class Roles
{
    public const string Admin = "admin";
    public const string Supervisor = "supervisor";
    public const string Agent = "agent";
    /// <summary>Edits the knowledge base; publishing needs an admin or supervisor (the reviewers).</summary>
    public const string KnowledgeEditor = "editor";
    public static readonly string[] All = [Admin, Supervisor, Agent, KnowledgeEditor];
    public static bool IsValid(string role) => All.Contains(role);
}

/// <summary>A bearer token for integrations, acting as the agent who owns it. Stored hashed.</summary>
public sealed class ApiToken
{
    public Guid Id { get; set; }
    public Guid AgentId { get; set; }
    public string Name { get; set; } = "";
    public string TokenHash { get; set; } = "";
    public string Hint { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
