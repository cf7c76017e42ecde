namespace Concierge.Nlp.Tests;

public class SmokeTests
{
    [Fact]
    public void TheEngineAssemblyLoads() => typeof(SmokeTests).Assembly.ShouldNotBeNull();
}
