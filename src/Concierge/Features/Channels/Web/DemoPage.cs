using System.Net;
using Concierge.Platform.Data;
using Concierge.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Concierge.Features.Channels.Web;

/// <summary>
/// /demo: the demo company's shop page with the chat widget embedded by one script tag. <c>?user=u-1001&amp;name=王芳</c> plays a
/// signed-in shop user: the page signs the id with the inbox's identity secret exactly as a real site's server would.
/// </summary>
internal static class DemoPage
{
    public static void Map(IEndpointRouteBuilder app) => app.MapGet("/demo", Render).AllowAnonymous().ExcludeFromDescription();

    private static async Task<IResult> Render(Guid? inbox, string? user, string? name, ConciergeDb db, CancellationToken ct)
    {
        var target = await db.Inboxes.AsNoTracking().Where(i => i.Channel == WebWidgetAdapter.KindName && !i.IsArchived)
            .Where(i => inbox == null || i.Id == inbox).OrderBy(i => i.CreatedAt).FirstOrDefaultAsync(ct);
        if (target is null) return Results.Problem("There is no website inbox to demo.", statusCode: 404);

        var identity = "";
        if (!string.IsNullOrWhiteSpace(user))
        {
            var hash = Secrets.HmacHex(target.IdentitySecret, user.Trim());
            identity = $" data-user-id=\"{Enc(user.Trim())}\" data-user-name=\"{Enc(name ?? "")}\" data-user-hash=\"{hash}\"";
        }
        var html = $$"""
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
              <meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
              <title>明灯商城 Lumen Store — demo</title>
              <link rel="icon" href="/img/logo.svg">
              <link rel="stylesheet" href="/css/demo.css">
            </head>
            <body>
              <header class="shop-head"><div class="shop-logo">明灯商城 <span>Lumen Store</span></div>
                <nav><a>家电 Appliances</a><a>数码 Digital</a><a>家居 Home</a><a>会员 Membership</a></nav>
                <div class="shop-user">{{(string.IsNullOrWhiteSpace(user) ? "游客 Guest" : Enc(string.IsNullOrWhiteSpace(name) ? user : name))}}</div></header>
              <main class="shop">
                <section class="hero"><h1>双十一返场 · Autumn sale</h1><p>空气净化器、扫地机器人、智能灯具 — 满 99 元包邮，7 天无理由退货。<br>Air purifiers, robot vacuums, smart lights — free shipping over ¥99 and 7-day returns.</p></section>
                <section class="grid">
                  <article><div class="ph a"></div><h3>Lumen 空气净化器 Pro</h3><p>¥1,299</p></article>
                  <article><div class="ph b"></div><h3>扫地机器人 S8</h3><p>¥2,199</p></article>
                  <article><div class="ph c"></div><h3>智能台灯 Aurora</h3><p>¥349</p></article>
                  <article><div class="ph d"></div><h3>加湿器 Mist 2</h3><p>¥459</p></article>
                </section>
                <p class="hint">This page is the demo shop of the Concierge install. The chat button at the bottom right is the real widget, embedded with one script tag:<br>
                <code>&lt;script src="/widget.js" data-inbox="{{target.Id}}" async&gt;&lt;/script&gt;</code></p>
              </main>
              <script src="/widget.js" data-inbox="{{target.Id}}"{{identity}} async></script>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static string Enc(string s) => WebUtility.HtmlEncode(s);
}
