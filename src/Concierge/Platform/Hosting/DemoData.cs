using Concierge.Features.Agents;
using Concierge.Features.Channels;
using Concierge.Features.Contacts;
using Concierge.Features.Conversations;
using Concierge.Platform.Data;
using Concierge.Platform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Concierge.Platform.Hosting;

/// <summary>
/// The demo company "Lumen 明灯商城" (e-commerce): a website inbox, an app inbox, an admin and three agents with skills,
/// and a few bilingual customer conversations. Seeded once into an empty database. Credentials given explicitly in
/// configuration (Concierge__Demo__…) are re-applied at every start so scripts can rely on them.
/// </summary>
public sealed class DemoData(ConciergeDb db, UserManager<Agent> users, IOptions<ConciergeOptions> options, IConfiguration configuration,
    TimeProvider clock, ILogger<DemoData> log)
{
    public static readonly Guid WebInboxId = Guid.Parse("0b1e0000-0000-4000-8000-000000000001");
    public static readonly Guid AppInboxId = Guid.Parse("0b1e0000-0000-4000-8000-000000000002");
    public const string AdminEmail = "admin@lumen.demo";

    public static readonly (string Email, string Name, string Role, string Skills, int Max, string Language)[] Staff =
    [
        (AdminEmail, "管理员 Admin", Roles.Admin, "", 5, ""),
        ("lina@lumen.demo", "李娜 Li Na", Roles.Agent, "refund,after-sales,chinese,senior", 6, "zh-CN"),
        ("tom@lumen.demo", "Tom Baker", Roles.Agent, "shipping,english,orders", 5, "en"),
        ("wangqiang@lumen.demo", "王强 Wang Qiang", Roles.Supervisor, "vip,risk,complaints,chinese,english", 4, "zh-CN"),
    ];

    public async Task Apply(CancellationToken ct)
    {
        var demo = options.Value.Demo;
        if (!demo.Seed) return;
        if (!await db.Inboxes.AnyAsync(ct))
        {
            await Seed(demo, ct);
            var faqs = await Features.Knowledge.Demo.DemoKnowledge.Seed(db, clock.GetUtcNow(), ct);
            log.LogInformation("Seeded the demo knowledge base: {Count} FAQs", faqs);
        }
        await ApplyExplicitCredentials(demo, ct);
    }

    private async Task Seed(DemoOptions demo, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var web = Inbox.Create("官网在线客服 Website", "web", now, WebInboxId);
        web.Configure("您好，欢迎来到明灯商城！有什么可以帮您？ Hi, welcome to Lumen — how can we help?", "#2563eb", botEnabled: demo.BotEnabled);
        web.ConfigureVip("尊敬的{{customer.name}}，欢迎回来！作为金卡会员，您的问题会被优先处理。Welcome back, {{customer.name}} — as a Gold member you get priority service.", null);
        var app = Inbox.Create("App 客服 Mobile app", "api", now, AppInboxId);
        app.ConfigureVip("尊敬的{{customer.name}}，欢迎回来！Welcome back, {{customer.name}}!", skipsBot: false);
        app.SetApiKey(Secrets.Hash(demo.AppApiKey), Secrets.Hint(demo.AppApiKey));
        app.Configure("您好，这里是明灯商城 App 客服。", null, botEnabled: demo.BotEnabled);
        db.Inboxes.AddRange(web, app);
        await db.SaveChangesAsync(ct);

        var agents = new List<Agent>();
        foreach (var s in Staff)
        {
            var agent = new Agent
            {
                Id = Guid.CreateVersion7(now), UserName = s.Email, Email = s.Email, EmailConfirmed = true, DisplayName = s.Name,
                Role = s.Role, Skills = s.Skills, MaxConcurrentChats = s.Max, Language = s.Language, CreatedAt = now,
            };
            var result = await users.CreateAsync(agent, s.Role == Roles.Admin ? demo.AdminPassword : demo.AgentPassword);
            if (!result.Succeeded) throw new InvalidOperationException("Demo agent: " + string.Join(" ", result.Errors.Select(e => e.Description)));
            agents.Add(agent);
        }
        // Li Na works the website (Chinese), Tom the app (English), Wang Qiang supervises both.
        db.InboxMembers.AddRange(
            new InboxMember { InboxId = WebInboxId, AgentId = agents[1].Id },
            new InboxMember { InboxId = WebInboxId, AgentId = agents[3].Id },
            new InboxMember { InboxId = AppInboxId, AgentId = agents[2].Id },
            new InboxMember { InboxId = AppInboxId, AgentId = agents[3].Id });
        await db.SaveChangesAsync(ct);

        await SeedConversations(agents, now.AddHours(-3), ct);
        log.LogInformation("Seeded the demo company: 2 inboxes, {Count} staff", agents.Count);
    }

    private async Task SeedConversations(List<Agent> agents, DateTimeOffset start, CancellationToken ct)
    {
        // One customer who used both the app and the website: their history is one.
        var wang = Contact.Create("u-1001", "王芳", "wangfang@example.com", start);
        wang.SetAttributes("""{"vip":"gold","city":"上海"}""");
        var emily = Contact.Create("u-1002", "Emily Chen", "emily@example.com", start);
        var visitor = Contact.Create(null, null, null, start);
        db.Contacts.AddRange(wang, emily, visitor);

        var t = start;
        Conversation Chat(Contact contact, Guid inbox, string channel, params (bool Customer, int Agent, string Text)[] lines)
        {
            var c = Conversation.Start(inbox, contact.Id, channel, botFirst: false, t);
            db.Conversations.Add(c);
            foreach (var (customer, agent, text) in lines)
            {
                t = t.AddMinutes(2);
                var m = customer
                    ? c.ReceiveFromCustomer(text, contact.DisplayName, null, false, t)
                    : c.Reply(SenderType.Agent, agents[agent].Id, agents[agent].DisplayName, text, t).Value!;
                if (!customer) m.MarkDelivered();
                db.Messages.Add(m);
            }
            return c;
        }

        var resolved = Chat(wang, AppInboxId, "api",
            (true, 0, "我上周买的空气净化器什么时候发货？订单号 DD20261114001"),
            (false, 2, "您好王女士，订单 DD20261114001 已于今天上午发出，顺丰单号 SF1234567890，预计明天送达。"),
            (true, 0, "好的，谢谢！"));
        resolved.Resolve(agents[2].Id, t);
        Chat(wang, WebInboxId, "web",
            (true, 0, "你好，净化器收到了，但是滤芯好像有破损，可以换一个吗？"));
        Chat(emily, AppInboxId, "api",
            (true, 0, "Hi, I was charged twice for order DD20261118007. Can you refund one of the payments?"),
            (false, 2, "Hi Emily, sorry about that! I can see the duplicate charge — I've started the refund, it takes 1–3 business days."),
            (true, 0, "Great, thanks. Will I get an email when it's done?"));
        Chat(visitor, WebInboxId, "web",
            (true, 0, "请问会员积分可以抵扣运费吗？"));
        await db.SaveChangesAsync(ct);
    }

    private async Task ApplyExplicitCredentials(DemoOptions demo, CancellationToken ct)
    {
        var section = configuration.GetSection($"{ConciergeOptions.Section}:Demo");
        var admin = await users.FindByEmailAsync(AdminEmail);

        if (section["BotEnabled"] is { Length: > 0 })
        {
            foreach (var inbox in await db.Inboxes.Where(i => i.Id == WebInboxId || i.Id == AppInboxId).ToListAsync(ct))
                inbox.Configure(null, null, demo.BotEnabled);
            await db.SaveChangesAsync(ct);
        }

        if (section["AppApiKey"] is { Length: > 0 } key && await db.Inboxes.FirstOrDefaultAsync(i => i.Id == AppInboxId, ct) is { } app
            && app.ApiKeyHash != Secrets.Hash(key))
        {
            app.SetApiKey(Secrets.Hash(key), Secrets.Hint(key));
            await db.SaveChangesAsync(ct);
        }
        if (section["AdminPassword"] is { Length: > 0 } password && admin is not null && !await users.CheckPasswordAsync(admin, password))
        {
            var reset = await users.ResetPasswordAsync(admin, await users.GeneratePasswordResetTokenAsync(admin), password);
            if (!reset.Succeeded) log.LogWarning("Demo admin password not applied: {Errors}", string.Join(" ", reset.Errors.Select(e => e.Description)));
        }
        // The demo admin token: the configured one, or the default on a fresh demo database.
        var token = section["AdminApiToken"] is { Length: > 0 } configured ? configured : demo.AdminApiToken;
        if (admin is not null && !string.IsNullOrEmpty(token) && !await db.ApiTokens.AnyAsync(t => t.TokenHash == Secrets.Hash(token), ct))
        {
            db.ApiTokens.Add(new ApiToken
            {
                Id = Guid.CreateVersion7(), AgentId = admin.Id, Name = "Demo admin token", TokenHash = Secrets.Hash(token),
                Hint = Secrets.Hint(token), CreatedAt = clock.GetUtcNow(),
            });
            await db.SaveChangesAsync(ct);
        }
    }
}
