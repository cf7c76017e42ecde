global using System.Text.RegularExpressions;
global using Concierge.Browser.Tests.Infrastructure;
global using Microsoft.Playwright;
global using Shouldly;
global using Xunit;
global using static Microsoft.Playwright.Assertions;

// One Chromium for the whole run; each test class gets its own Concierge (own temp data folder).
[assembly: AssemblyFixture(typeof(Chromium))]
// Browser tests are heavy on a 2-core CI machine: one class at a time keeps timings far from the expectation timeouts.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
// The same order on every machine (see ByName).
[assembly: TestCaseOrderer(typeof(ByName))]
[assembly: TestCollectionOrderer(typeof(ByName))]
