using Xunit.Sdk;
using Xunit.v3;

namespace Concierge.Browser.Tests.Infrastructure;

/// <summary>
/// Runs test classes, and the tests inside each, in name order. xUnit's default order comes from IDs that hash the
/// assembly's path, so a clean checkout elsewhere (CI) ran the tests of a shared site in another order than a developer
/// did — and an order-dependent test passed here and failed there. The same order everywhere makes a run reproducible.
/// </summary>
public sealed class ByName : ITestCaseOrderer, ITestCollectionOrderer
{
    public IReadOnlyCollection<TTestCase> OrderTestCases<TTestCase>(IReadOnlyCollection<TTestCase> testCases) where TTestCase : notnull, ITestCase =>
        testCases.OrderBy(t => t.TestCaseDisplayName, StringComparer.Ordinal).ToList();

    public IReadOnlyCollection<TTestCollection> OrderTestCollections<TTestCollection>(IReadOnlyCollection<TTestCollection> testCollections)
        where TTestCollection : ITestCollection =>
        testCollections.OrderBy(c => c.TestCollectionDisplayName, StringComparer.Ordinal).ToList();
}
