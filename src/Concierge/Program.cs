using Concierge.Components;
using Concierge.Features.Agents;
using Concierge.Features.Bot;
using Concierge.Features.Channels;
using Concierge.Features.Conversations;
using Concierge.Features.Routing;
using Concierge.Features.Workbench;
using Concierge.Platform.Hosting;

// Concierge — one executable. Verbs: (none) or "serve" runs the server; "eval …" evaluates the language engine on a
// company's own data; "db-script <sqlite|postgres>" prints the schema a fresh database gets (used to write migrations).
var verb = args.FirstOrDefault();
if (verb == "eval") return Cli.Eval(args[1..]);
if (verb == "db-script") return Cli.DbScript(args[1..]);
if (verb == "serve") args = args[1..];

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrlsIfUnset(builder.Configuration, "http://localhost:5080");

builder.Services.AddPlatform(builder.Configuration);
builder.Services.AddConversations();
builder.Services.AddChannels();
builder.Services.AddAgents();
builder.Services.AddBot(builder.Configuration);
builder.Services.AddRouting(builder.Configuration);
builder.Services.AddWorkbench();
builder.Services.AddUi();

var app = builder.Build();
await app.PrepareDatabase();

app.UsePlatform();
app.MapConversations();
app.MapChannels();
app.MapAgents();
app.MapBot();
app.MapRouting();
app.MapWorkbench();
app.MapUi();

await app.RunAsync();
return 0;

/// <summary>Lets tests and scripts host the app (WebApplicationFactory needs a public Program).</summary>
public partial class Program;
