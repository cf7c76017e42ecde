using System.Security.Claims;
using System.Text.RegularExpressions;
using Concierge.Features.Channels;
using Concierge.Platform.Data;
using Concierge.Platform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Features.Agents;

public sealed record AgentView(Guid Id, string Email, string DisplayName, string Role, IReadOnlyList<string> Skills,
    int MaxConcurrentChats, string Language, bool IsActive, IReadOnlyList<Guid> InboxIds, string Level = "junior",
    IReadOnlyList<string>? TeamList = null, string Presence = "offline")
{
    public IReadOnlyList<string> Teams => TeamList ?? [];
}

/// <summary>Agents, supervisors and admins: list (everyone signed in), create and change (admins). Routing hears of every change.</summary>
public sealed partial class ManageAgents(ConciergeDb db, UserManager<Agent> users, TimeProvider clock, Routing.RoutingDesk routing)
{
    public sealed record CreateCommand(string? Email, string? DisplayName, string? Role, string? Password, IReadOnlyList<string>? Skills,
        int? MaxConcurrentChats, IReadOnlyList<Guid>? InboxIds, string? Language, string? Level = null, IReadOnlyList<string>? Teams = null);
    public sealed record UpdateCommand(string? DisplayName, string? Role, IReadOnlyList<string>? Skills, int? MaxConcurrentChats,
        bool? IsActive, string? Password, IReadOnlyList<Guid>? InboxIds, string? Language, string? Level = null, IReadOnlyList<string>? Teams = null);

    public async Task<IReadOnlyList<AgentView>> List(CancellationToken ct)
    {
        var agents = await db.Agents.AsNoTracking().OrderBy(a => a.CreatedAt).ToListAsync(ct);
        var members = await db.InboxMembers.AsNoTracking().ToListAsync(ct);
        return agents.Select(a => View(a, members)).ToList();
    }

    public async Task<Result<AgentView>> Create(CreateCommand command, ClaimsPrincipal actor, CancellationToken ct)
    {
        if (!Access.IsAdmin(actor)) return Result<AgentView>.From(Result.Forbidden("Only admins manage agents."));
        var email = command.Email?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(email) || !EmailPattern().IsMatch(email)) return Result<AgentView>.From(Result.Invalid("email", "A valid email is required."));
        if (string.IsNullOrWhiteSpace(command.DisplayName)) return Result<AgentView>.From(Result.Invalid("displayName", "The display name is required."));
        var role = command.Role ?? Roles.Agent;
        if (!Roles.IsValid(role)) return Result<AgentView>.From(Result.Invalid("role", "The role must be admin, supervisor, agent or editor."));
        if (command.MaxConcurrentChats is < 1 or > 50) return Result<AgentView>.From(Result.Invalid("maxConcurrentChats", "Max concurrent chats must be between 1 and 50."));
        if (string.IsNullOrEmpty(command.Password)) return Result<AgentView>.From(Result.Invalid("password", "A password is required."));
        if (await users.FindByEmailAsync(email) is not null) return Result<AgentView>.From(Result.Conflict($"An agent with {email} already exists."));
        if (!ValidLanguage(command.Language)) return Result<AgentView>.From(Result.Invalid("language", "The language must be zh-CN, en or empty."));
        if (!ValidLevel(command.Level, out var level)) return Result<AgentView>.From(Result.Invalid("level", "The level must be junior, senior or expert."));

        var agent = new Agent
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = command.DisplayName.Trim(),
            Role = role,
            Skills = JoinSkills(command.Skills),
            MaxConcurrentChats = command.MaxConcurrentChats ?? 5,
            Language = command.Language ?? "",
            CreatedAt = clock.GetUtcNow(),
            Level = level ?? Routing.Engine.AgentLevel.Junior,
            Teams = JoinSkills(command.Teams),
        };
        var created = await users.CreateAsync(agent, command.Password);
        if (!created.Succeeded) return Result<AgentView>.From(Result.Invalid("password", string.Join(" ", created.Errors.Select(e => e.Description))));
        if (command.InboxIds is { Count: > 0 } inboxIds) await SetInboxes(agent.Id, inboxIds, ct);
        await routing.RefreshAgent(agent.Id, ct);
        return Result<AgentView>.Ok(View(agent, await db.InboxMembers.AsNoTracking().Where(m => m.AgentId == agent.Id).ToListAsync(ct)));
    }

    public async Task<Result<AgentView>> Update(Guid id, UpdateCommand command, ClaimsPrincipal actor, CancellationToken ct)
    {
        var self = Access.AgentId(actor) == id;
        var admin = Access.IsAdmin(actor);
        if (!admin && !(self && command.Role is null && command.IsActive is null && command.Skills is null && command.MaxConcurrentChats is null && command.InboxIds is null
                           && command.Level is null && command.Teams is null))
            return Result<AgentView>.From(Result.Forbidden("Only admins change other agents, roles, skills and inboxes."));
        var agent = await users.FindByIdAsync(id.ToString());
        if (agent is null) return Result<AgentView>.From(Result.NotFound("Agent not found."));
        if (command.Role is not null && !Roles.IsValid(command.Role)) return Result<AgentView>.From(Result.Invalid("role", "The role must be admin, supervisor, agent or editor."));
        if (command.MaxConcurrentChats is < 1 or > 50) return Result<AgentView>.From(Result.Invalid("maxConcurrentChats", "Max concurrent chats must be between 1 and 50."));
        if (command.DisplayName is not null && command.DisplayName.Trim().Length == 0) return Result<AgentView>.From(Result.Invalid("displayName", "The display name cannot be empty."));
        if (!ValidLanguage(command.Language)) return Result<AgentView>.From(Result.Invalid("language", "The language must be zh-CN, en or empty."));
        if (!ValidLevel(command.Level, out var level)) return Result<AgentView>.From(Result.Invalid("level", "The level must be junior, senior or expert."));
        if (self && (command.Role is not null && command.Role != Roles.Admin || command.IsActive == false))
            return Result<AgentView>.From(Result.Invalid("role", "You cannot demote or deactivate yourself."));

        var accessChanged = command.Role is not null && command.Role != agent.Role || command.IsActive is not null && command.IsActive != agent.IsActive;
        if (command.DisplayName is not null) agent.DisplayName = command.DisplayName.Trim();
        if (command.Role is not null) agent.Role = command.Role;
        if (command.Skills is not null) agent.Skills = JoinSkills(command.Skills);
        if (command.MaxConcurrentChats is { } max) agent.MaxConcurrentChats = max;
        if (command.IsActive is { } active) agent.IsActive = active;
        if (command.Language is not null) agent.Language = command.Language;
        if (level is { } newLevel) agent.Level = newLevel;
        if (command.Teams is not null) agent.Teams = JoinSkills(command.Teams);
        if (command.Password is { Length: > 0 } password)
        {
            var token = await users.GeneratePasswordResetTokenAsync(agent);
            var reset = await users.ResetPasswordAsync(agent, token, password);
            if (!reset.Succeeded) return Result<AgentView>.From(Result.Invalid("password", string.Join(" ", reset.Errors.Select(e => e.Description))));
        }
        // A new security stamp signs the agent out everywhere when their role or access changes.
        if (accessChanged) await users.UpdateSecurityStampAsync(agent);
        var updated = await users.UpdateAsync(agent);
        if (!updated.Succeeded) return Result<AgentView>.From(Result.Invalid("agent", string.Join(" ", updated.Errors.Select(e => e.Description))));
        if (command.InboxIds is not null) await SetInboxes(agent.Id, command.InboxIds, ct);
        await routing.RefreshAgent(agent.Id, ct);
        return Result<AgentView>.Ok(View(agent, await db.InboxMembers.AsNoTracking().Where(m => m.AgentId == agent.Id).ToListAsync(ct)));
    }

    private async Task SetInboxes(Guid agentId, IReadOnlyList<Guid> inboxIds, CancellationToken ct)
    {
        var valid = await db.Inboxes.Where(i => inboxIds.Contains(i.Id)).Select(i => i.Id).ToListAsync(ct);
        var current = await db.InboxMembers.Where(m => m.AgentId == agentId).ToListAsync(ct);
        db.InboxMembers.RemoveRange(current.Where(m => !valid.Contains(m.InboxId)));
        foreach (var inboxId in valid.Where(i => current.All(m => m.InboxId != i)))
            db.InboxMembers.Add(new InboxMember { InboxId = inboxId, AgentId = agentId });
        await db.SaveChangesAsync(ct);
    }

    private static AgentView View(Agent a, IEnumerable<InboxMember> members) => new(a.Id, a.Email ?? "", a.DisplayName, a.Role, a.SkillList,
        a.MaxConcurrentChats, a.Language, a.IsActive, members.Where(m => m.AgentId == a.Id).Select(m => m.InboxId).ToList(),
        a.Level.ToString().ToLowerInvariant(), a.TeamList, a.Presence.ToString().ToLowerInvariant());

    private static bool ValidLevel(string? level, out Routing.Engine.AgentLevel? value)
    {
        value = null;
        if (level is null) return true;
        if (!Enum.TryParse<Routing.Engine.AgentLevel>(level, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed)) return false;
        value = parsed;
        return true;
    }

    private static string JoinSkills(IReadOnlyList<string>? skills) => skills is null ? "" :
        string.Join(',', skills.Select(s => s.Trim().ToLowerInvariant()).Where(s => s.Length > 0).Distinct());

    private static bool ValidLanguage(string? language) => language is null or "" or "zh-CN" or "en";

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
