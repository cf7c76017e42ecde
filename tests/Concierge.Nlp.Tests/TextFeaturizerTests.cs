using Concierge.Nlp.Features;

namespace Concierge.Nlp.Tests;

public class TextFeaturizerTests
{
    private static readonly AnalyzedText[] Texts =
        [.. new[] { "where is my card", "my card has not arrived", "cancel my transfer", "快递到哪儿了", "我想退款" }.Select(AnalyzedText.Of)];

    private static readonly TextFeaturizer Featurizer = TextFeaturizer.Build(Texts, new FeatureOptions());

    [Fact]
    public void ExcludingNothingGivesTheUsualFeatures()
    {
        var plain = Featurizer.Transform(Texts[1]);
        var masked = Featurizer.Transform(Texts[1], new bool[Featurizer.Dimension]);
        masked.Indices.ShouldBe(plain.Indices);
        masked.Values.ShouldBe(plain.Values);
    }

    [Fact]
    public void ExcludedFeaturesAreDroppedAndEachViewIsRenormalised()
    {
        var plain = Featurizer.Transform(Texts[1]);
        var excluded = new bool[Featurizer.Dimension];
        foreach (var id in plain.Indices.Where((_, k) => k % 3 == 0)) excluded[id] = true;
        var masked = Featurizer.Transform(Texts[1], excluded);
        masked.Indices.ShouldNotContain(id => excluded[id]);
        masked.Indices.ShouldBeSubsetOf(plain.Indices);
        masked.Count.ShouldBeGreaterThan(0);
        // Two views (characters, words), each of unit length: the whole vector has squared norm 2.
        masked.Values.Sum(v => v * v).ShouldBe(2f, 1e-4f);
    }
}
