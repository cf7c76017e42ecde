using System.Net.Http.Json;
using System.Text.Json;

namespace Concierge.Tests.Infrastructure;

public static class Json
{
    public static async Task<JsonElement> Body(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    public static async Task<JsonElement> GetJson(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {url} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Body();
    }

    public static async Task<JsonElement> PostJson(this HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST {url} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response.Content.Headers.ContentLength == 0 ? default : await response.Body();
    }

    public static string Str(this JsonElement e, string name) => e.GetProperty(name).GetString()!;

    /// <summary>Posts a customer message on the app channel and returns the response body.</summary>
    public static Task<JsonElement> CustomerSays(this HttpClient app, string externalId, string text, string? clientMessageId = null, string? name = null) =>
        app.PostJson($"/api/v1/inboxes/{ConciergeApp.AppInbox}/messages",
            new { customer = new { externalId, name }, text, clientMessageId });

    /// <summary>A new customer asks the bot once: the response, and the bot's recorded decision for that message.</summary>
    public static async Task<(JsonElement Sent, JsonElement Turn)> AskBot(this ConciergeApp app, string text)
    {
        var sent = await app.App().CustomerSays("u-ask-" + Guid.NewGuid().ToString("N")[..8], text);
        var turns = await app.Admin().GetJson($"/api/v1/conversations/{sent.Str("conversationId")}/bot-turns");
        return (sent, turns[0]);
    }
}
