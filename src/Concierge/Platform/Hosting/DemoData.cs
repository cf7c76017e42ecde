using Concierge.Features.Agents;
using Concierge.Features.Channels;
using Concierge.Features.Contacts;
using Concierge.Features.Conversations;
using Concierge.Features.Routing.Engine;
using Concierge.Features.Workbench;
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

    /// <summary>Different skills, levels and teams so that routing is visible: a VIP refund goes to Li Na (senior, refund),
    /// an English question to Tom, a risky one to Wang Qiang's risk team, ordinary orders to Zhang Wei or whoever is freer.</summary>
    public static readonly (string Email, string Name, string Role, string Skills, int Max, string Language, AgentLevel Level, string Teams)[] Staff =
    [
        (AdminEmail, "管理员 Admin", Roles.Admin, "", 5, "", AgentLevel.Expert, ""),
        ("lina@lumen.demo", "李娜 Li Na", Roles.Agent, "refund,after-sales,vip,complaints", 6, "zh-CN", AgentLevel.Senior, "after-sales"),
        ("tom@lumen.demo", "Tom Baker", Roles.Agent, "shipping,orders,english", 5, "en", AgentLevel.Junior, "service"),
        ("wangqiang@lumen.demo", "王强 Wang Qiang", Roles.Supervisor, "vip,complaints,english", 4, "zh-CN", AgentLevel.Expert, "risk,after-sales"),
        ("zhangwei@lumen.demo", "张伟 Zhang Wei", Roles.Agent, "orders,shipping,refund", 5, "zh-CN", AgentLevel.Junior, "service"),
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
        // The demo shows the bot at work: its conversations stay in the agents' list to watch and take over (AS-5 "bot answers,
        // humans review"); a new inbox starts bot-first, where they live under the "With bot" tab until handed over.
        web.ConfigureRouting(Rollouts.BotReview, null, null, clearHours: false);
        app.ConfigureRouting(Rollouts.BotReview, null, null, clearHours: false);
        db.Inboxes.AddRange(web, app);
        await db.SaveChangesAsync(ct);

        var agents = new List<Agent>();
        foreach (var s in Staff)
        {
            var agent = new Agent
            {
                Id = Guid.CreateVersion7(now), UserName = s.Email, Email = s.Email, EmailConfirmed = true, DisplayName = s.Name,
                Role = s.Role, Skills = s.Skills, MaxConcurrentChats = s.Max, Language = s.Language, CreatedAt = now,
                Level = s.Level, Teams = s.Teams,
            };
            var result = await users.CreateAsync(agent, s.Role == Roles.Admin ? demo.AdminPassword : demo.AgentPassword);
            if (!result.Succeeded) throw new InvalidOperationException("Demo agent: " + string.Join(" ", result.Errors.Select(e => e.Description)));
            agents.Add(agent);
        }
        // Li Na and Zhang Wei work the website (Chinese), Tom the app (English) and the website's English customers,
        // Wang Qiang supervises both and leads the risk team.
        db.InboxMembers.AddRange(
            new InboxMember { InboxId = WebInboxId, AgentId = agents[1].Id },
            new InboxMember { InboxId = WebInboxId, AgentId = agents[2].Id },
            new InboxMember { InboxId = WebInboxId, AgentId = agents[3].Id },
            new InboxMember { InboxId = WebInboxId, AgentId = agents[4].Id },
            new InboxMember { InboxId = AppInboxId, AgentId = agents[1].Id },
            new InboxMember { InboxId = AppInboxId, AgentId = agents[2].Id },
            new InboxMember { InboxId = AppInboxId, AgentId = agents[3].Id });
        await db.SaveChangesAsync(ct);
        SeedCannedResponses(now);
        await db.SaveChangesAsync(ct);

        await SeedConversations(agents, now.AddHours(-3), ct);
        log.LogInformation("Seeded the demo company: 2 inboxes, {Count} staff", agents.Count);
    }

    private void SeedCannedResponses(DateTimeOffset now)
    {
        (string Shortcut, string Lang, string Kind, string Title, string Body)[] canned =
        [
            ("hello", "zh", CannedKinds.Reply, "问候", "{{customer.name}}您好，我是客服{{agent.name}}，很高兴为您服务！请问有什么可以帮您？"),
            ("hello", "en", CannedKinds.Reply, "Greeting", "Hi {{customer.name}}, this is {{agent.name}} — happy to help. What can I do for you?"),
            ("refund", "zh", CannedKinds.Reply, "退款进度", "您好{{customer.name}}，订单 {{order.number}} 的退款已提交，款项会在 1–3 个工作日内原路退回，请留意到账通知。"),
            ("refund", "en", CannedKinds.Reply, "Refund status", "Hi {{customer.name}}, the refund for {{order.number}} is on its way — it reaches your original payment method within 1–3 business days."),
            ("shipping", "zh", CannedKinds.Reply, "物流查询", "我帮您查询了订单 {{order.number}} 的物流，包裹正在派送途中，预计 1–2 天送达。"),
            ("shipping", "en", CannedKinds.Reply, "Shipping status", "I checked {{order.number}} for you: the parcel is on its way and should arrive within 1–2 days."),
            ("invoice", "zh", CannedKinds.Reply, "开发票", "电子发票可以在「我的订单 → 订单详情 → 申请发票」中申请，开具后会发送到您的邮箱。"),
            ("invoice", "en", CannedKinds.Reply, "Invoices", "You can request an e-invoice under My orders → Order details → Request invoice; it is emailed to you once issued."),
            ("thanks", "zh", CannedKinds.Reply, "结束语", "感谢您的耐心，{{customer.name}}！还有其他问题随时找我们，祝您生活愉快。"),
            ("thanks", "en", CannedKinds.Reply, "Closing", "Thanks for your patience, {{customer.name}}! If anything else comes up, we're right here."),
            ("sorry", "zh", CannedKinds.Soothe, "致歉安抚", "非常抱歉给您带来了不好的体验，{{customer.name}}，您的心情我完全理解。这件事我会亲自跟进，马上为您处理。"),
            ("sorry", "en", CannedKinds.Soothe, "Apologise", "I'm really sorry about this, {{customer.name}} — I completely understand how frustrating it is. I'm taking care of it personally right now."),
            ("priority", "zh", CannedKinds.Soothe, "优先处理", "{{customer.name}}，我已经把您的问题标记为优先处理，{{order.number}} 的情况我现在就核实，几分钟内给您答复。"),
            ("priority", "en", CannedKinds.Soothe, "Priority", "{{customer.name}}, I've made this a priority and I'm checking {{order.number}} right now — you'll hear back from me within minutes."),
            ("compensate", "zh", CannedKinds.Soothe, "补偿方案", "为表歉意，我们为您申请了一张 20 元无门槛优惠券，同时会尽快解决您的问题，再次抱歉！"),
            ("compensate", "en", CannedKinds.Soothe, "Goodwill", "As an apology we've added a ¥20 voucher to your account, and we'll get this fixed as fast as we can. Sorry again!"),
        ];
        foreach (var c in canned)
            db.Add(new CannedResponse { Id = Guid.CreateVersion7(now), Shortcut = c.Shortcut, Language = c.Lang, Kind = c.Kind, Title = c.Title, Body = c.Body, CreatedAt = now, UpdatedAt = now });
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
