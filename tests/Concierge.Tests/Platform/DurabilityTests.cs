using Concierge.Platform.Data;
using Concierge.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Concierge.Features.Contacts;
using Concierge.Platform.Events;
using Concierge.Platform.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Concierge.Tests.Platform;

/// <summary>Stop the server, start a new one on the same database: nothing is lost, nothing is seeded twice.</summary>
public sealed class DurabilityTests
{
    [Fact]
    public async Task ARestartInTheMiddleOfAConversationLosesNothing()
    {
        var database = TestDatabase.Create();
        database.Use(); // the test keeps the database across both servers

        string conversationId;
        string firstMessage;
        await using (var first = new ConciergeApp(database))
        {
            var sent = await first.App().CustomerSays("u-restart", "before the restart", "r-1");
            conversationId = sent.Str("conversationId");
            firstMessage = sent.Str("messageId");
            var tom = await first.Agent("tom@lumen.demo");
            await tom.PostJson($"/api/v1/conversations/{conversationId}/replies", new { text = "agent reply before restart" });
        }

        var second = new ConciergeApp(database);
        var retried = await second.App().CustomerSays("u-restart", "before the restart", "r-1");
        retried.Str("messageId").ShouldBe(firstMessage, "the retry after a restart is still recognised");
        var after = await second.App().CustomerSays("u-restart", "after the restart");
        after.Str("conversationId").ShouldBe(conversationId);

        var messages = await second.App().GetJson($"/api/v1/conversations/{conversationId}/messages");
        messages.EnumerateArray().Select(m => m.Str("text"))
            .ShouldBe(["before the restart", "agent reply before restart", "after the restart"]);
        (await second.Db(db => db.Inboxes.CountAsync())).ShouldBe(2, "the demo company is seeded once");
        (await second.Db(db => db.Agents.CountAsync())).ShouldBe(DemoData.Staff.Length);
        await second.DisposeAsync();
        await database.Drop();
    }

    [Fact]
    public async Task MigrationsAreRecordedAndNotAppliedTwice()
    {
        await using var app = new ConciergeApp();
        _ = app.BaseAddress;
        using var scope = app.Services.CreateScope();
        var migrator = scope.ServiceProvider.GetRequiredService<SchemaMigrator>();

        var again = await migrator.Migrate(CancellationToken.None);

        again.ShouldBeEmpty();
        var versions = await app.Db(db => db.Database.SqlQueryRaw<string>("SELECT version AS \"Value\" FROM schema_migrations").ToListAsync());
        versions.ShouldBe(SchemaMigrator.Available(migrator.Provider).Select(m => m.Version));
    }

    [Fact]
    public async Task AnOlderDatabaseIsUpgradedInPlaceKeepingItsData()
    {
        var database = TestDatabase.Create();
        var options = new DbContextOptionsBuilder<ConciergeDb>();
        DataModule.Configure(options, new ConciergeOptions
        {
            DataDir = database.DataDir,
            Database = new DatabaseOptions { Provider = database.Provider, ConnectionString = database.ConnectionString },
        });
        using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        await using (var db = new ConciergeDb(options.Options, new EventDispatcher(services, NullLogger<EventDispatcher>.Instance)))
        {
            // The database as release 0001 left it, with a customer in it.
            (await new SchemaMigrator(db, NullLogger<SchemaMigrator>.Instance).Migrate(CancellationToken.None, upTo: "0001")).ShouldBe(["0001"]);
            db.Contacts.Add(Contact.Create("u-old", "老客户", "old@example.com", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        await using var app = new ConciergeApp(database);
        var versions = await app.Db(db => db.Database.SqlQueryRaw<string>("SELECT version AS \"Value\" FROM schema_migrations").ToListAsync());
        versions.ShouldContain("0002");
        (await app.Db(db => db.Contacts.SingleAsync(c => c.ExternalId == "u-old"))).Name.ShouldBe("老客户");
        (await app.App().CustomerSays("u-old", "still me")).Str("conversationId").ShouldNotBeNullOrEmpty();
    }
}
