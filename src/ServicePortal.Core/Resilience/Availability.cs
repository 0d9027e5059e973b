namespace ServicePortal.Core.Resilience;

/// <summary>
/// The availability arithmetic of an SLA chain, on fractions (0.999 for 99.9 %). Failures are assumed independent.
/// <list type="bullet">
/// <item><b>Series</b> (a service needs every one of its dependencies): A = A₁ · A₂ · … · Aₙ.</item>
/// <item><b>Redundancy group, k of n</b> (at least k of its n members must be up): the probability that at least k
/// are up. With n members of the same availability p this is the binomial formula
/// <c>Σ_{i=k..n} C(n,i) · pⁱ · (1−p)ⁿ⁻ⁱ</c>; 1 of 2 gives <c>1 − (1−p)²</c>, 2 of 2 gives <c>p²</c>. Members of
/// different availabilities are combined exactly by <see cref="AtLeast"/>, which builds the distribution of "how many
/// are up" one member at a time (the Poisson-binomial distribution) and equals the binomial formula when all are equal.</item>
/// </list>
/// </summary>
public static class Availability
{
    /// <summary>Dependencies in series: the product (1 for none).</summary>
    public static double Series(IEnumerable<double> availabilities)
    {
        ArgumentNullException.ThrowIfNull(availabilities);
        var product = 1.0;
        foreach (var a in availabilities)
        {
            product *= Clamp(a);
        }

        return product;
    }

    /// <summary>
    /// The probability that at least <paramref name="minimumUp"/> of the members are up, each up with its own
    /// availability. <paramref name="minimumUp"/> is clamped to 1 … n (as the propagation rules clamp MinimumUp); no
    /// members: 1.
    /// </summary>
    public static double AtLeast(int minimumUp, IReadOnlyList<double> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var n = members.Count;
        if (n == 0)
        {
            return 1.0;
        }

        var k = Math.Clamp(minimumUp, 1, n);

        // up[j]: the probability that exactly j of the members seen so far are up.
        var up = new double[n + 1];
        up[0] = 1.0;
        for (var i = 0; i < n; i++)
        {
            var p = Clamp(members[i]);
            for (var j = i + 1; j >= 1; j--)
            {
                up[j] = (up[j] * (1 - p)) + (up[j - 1] * p);
            }

            up[0] *= 1 - p;
        }

        var atLeast = 0.0;
        for (var j = k; j <= n; j++)
        {
            atLeast += up[j];
        }

        return Math.Min(1.0, atLeast);
    }

    /// <summary>The binomial formula for n members of equal availability p: Σ_{i=k..n} C(n,i) pⁱ (1−p)ⁿ⁻ⁱ.</summary>
    public static double Binomial(int minimumUp, int members, double availability)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(members);
        if (members == 0)
        {
            return 1.0;
        }

        var k = Math.Clamp(minimumUp, 1, members);
        var p = Clamp(availability);
        var sum = 0.0;
        for (var i = k; i <= members; i++)
        {
            sum += Choose(members, i) * Math.Pow(p, i) * Math.Pow(1 - p, members - i);
        }

        return Math.Min(1.0, sum);
    }

    /// <summary>A percentage (99.9) as a fraction (0.999).</summary>
    public static double FromPercent(double percent) => Clamp(percent / 100.0);

    public static double ToPercent(double fraction) => fraction * 100.0;

    private static double Clamp(double a) => double.IsNaN(a) ? 0 : Math.Clamp(a, 0.0, 1.0);

    private static double Choose(int n, int k)
    {
        var result = 1.0;
        for (var i = 1; i <= k; i++)
        {
            result = result * (n - k + i) / i;
        }

        return result;
    }
}
