using Concierge.Nlp.Intents;
using Concierge.Nlp.Text;

namespace Concierge.Nlp.Tests;

/// <summary>English words one letter off (arrivd, pasword) are repaired against the words a model knows.</summary>
public class SpellingTests
{
    private static readonly SpellingCorrector Known = SpellingCorrector.Build(new[]
    {
        "where is my card", "my card has not arrived", "track my delivery", "i want a refund", "the delivery was late",
        "how do i reset my password",
    }.Select(TextNormalizer.Normalize));

    private static string Correct(string text) => Known.Correct(TextNormalizer.Normalize(text));

    [Theory]
    [InlineData("My card has not arrivd", "my card has not arrived")]      // a letter dropped
    [InlineData("track my delivry please", "track my delivery please")]
    [InlineData("I want a refnud", "i want a refund")]                      // neighbours swapped
    [InlineData("reset my passwird", "reset my password")]                  // a letter replaced
    [InlineData("wheere is my card", "where is my card")]                   // a letter added
    [InlineData("我的delivry还没到", "我的delivery还没到")]                  // Chinese around it
    public void AWordOneLetterOffIsRepaired(string typed, string meant) => Correct(typed).ShouldBe(meant);

    [Theory]
    [InlineData("what is the population of france")]   // real words the vocabulary lacks: another topic, not a slip
    [InlineData("where are my cards")]                   // a real word one letter from a known one stays
    [InlineData("my crd is lost")]                       // too short to tell
    [InlineData("order refnd2024 is late")]              // glued to digits: a code
    [InlineData("it didn't arrive")]
    [InlineData("where is my card")]
    [InlineData("退款多久到账")]
    [InlineData("")]
    public void OrdinaryTextIsLeftAsTyped(string typed)
    {
        var normalized = TextNormalizer.Normalize(typed);
        Known.Correct(normalized).ShouldBeSameAs(normalized);
    }

    [Theory]
    [InlineData("arrivd", "arrived", true)]
    [InlineData("refnud", "refund", true)]
    [InlineData("cardd", "card", true)]
    [InlineData("crad", "card", true)]
    [InlineData("card", "card", false)]
    [InlineData("cart", "card", true)]
    [InlineData("acrd", "cadr", false)]
    [InlineData("delivry", "delivery", true)]
    [InlineData("dlivry", "delivery", false)]
    public void OneEditIsOneLetterDroppedAddedReplacedOrTwoNeighboursSwapped(string a, string b, bool expected)
    {
        SpellingCorrector.OneEdit(a, b).ShouldBe(expected);
        SpellingCorrector.OneEdit(b, a).ShouldBe(expected);
    }

    [Fact]
    public void AModelWithoutEnglishCorrectsNothing()
    {
        var chinese = SpellingCorrector.Build(["我要退款"]);
        chinese.WordCount.ShouldBe(0);
        chinese.Correct("my card has not arrivd").ShouldBe("my card has not arrivd");
        SpellingCorrector.Empty.Correct("arrivd").ShouldBe("arrivd");
    }

    [Fact]
    public void AnIntentModelForgivesASlipAlsoAfterSavingAndLoading()
    {
        var model = IntentClassifier.Train(IntentFixtures.English);
        model.Predict("wher is my pakage").Label.ShouldBe("track_order");
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        var loaded = IntentModel.Load(stream);
        loaded.Predict("i forgott my pasword").Label.ShouldBe("change_password");
        loaded.Predict("i forgott my pasword").Confidence.ShouldBe(model.Predict("i forgott my pasword").Confidence);
    }

    [Theory]
    [InlineData("I forgot my pasword", "password")]
    [InlineData("how do i reset my passwrd", "password")]
    public void AKnowledgeBaseSearchForgivesASlip(string query, string faqId)
    {
        var result = RetrievalTests.Index.Value.Search(query, 3);
        result.Candidates[0].FaqId.ShouldBe(faqId);
        result.NoneOfThese.ShouldBeFalse();
    }
}
