using ServicePortal.Core.Resilience;

namespace ServicePortal.Core.Tests.Resilience;

public class AvailabilityTests
{
    [Fact]
    public void Series_MultipliesTheAvailabilities()
    {
        var a = Availability.Series([0.999, 0.995]);

        Assert.Equal(0.994005, a, 9);
    }

    [Fact]
    public void OneOfTwo_IsOneMinusBothDown()
    {
        var a = Availability.AtLeast(1, [0.99, 0.98]);

        Assert.Equal(1 - (0.01 * 0.02), a, 12);
    }

    [Fact]
    public void TwoOfTwo_IsTheProduct()
    {
        var a = Availability.AtLeast(2, [0.99, 0.98]);

        Assert.Equal(0.99 * 0.98, a, 12);
    }

    [Fact]
    public void TwoOfThreeEqualMembers_IsTheBinomialFormula()
    {
        // 3 · 0.9² · 0.1 + 0.9³ = 0.243 + 0.729 = 0.972
        var binomial = Availability.Binomial(2, 3, 0.9);
        var exact = Availability.AtLeast(2, [0.9, 0.9, 0.9]);

        Assert.Equal(0.972, binomial, 12);
        Assert.Equal(binomial, exact, 12);
    }

    [Fact]
    public void TwoOfThreeUnequalMembers_SumsTheCasesWithAtLeastTwoUp()
    {
        // up up up + up up down + up down up + down up up, with p = 0.9, 0.8, 0.7
        var expected = (0.9 * 0.8 * 0.7) + (0.9 * 0.8 * 0.3) + (0.9 * 0.2 * 0.7) + (0.1 * 0.8 * 0.7);

        var a = Availability.AtLeast(2, [0.9, 0.8, 0.7]);

        Assert.Equal(expected, a, 12);
    }

    [Fact]
    public void MinimumUp_IsClampedToTheMembers()
    {
        Assert.Equal(Availability.AtLeast(2, [0.9, 0.8]), Availability.AtLeast(5, [0.9, 0.8]), 12);
        Assert.Equal(Availability.AtLeast(1, [0.9, 0.8]), Availability.AtLeast(0, [0.9, 0.8]), 12);
        Assert.Equal(1.0, Availability.AtLeast(1, []));
    }
}
