namespace QuantumFlow.Models.Simulation;

/// <summary>
/// xoshiro256** seeded through SplitMix64. The simulator owns its generator because <see cref="System.Random"/>'s
/// seeded sequence is not promised to stay the same across .NET versions, and a simulated session must replay
/// bit for bit from its seed.
/// </summary>
public sealed class SimulationRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public SimulationRandom(long seed)
    {
        ulong x = (ulong)seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>A well-mixed seed for the <paramref name="index"/>-th stream derived from <paramref name="seed"/>.</summary>
    public static long Derive(long seed, int index)
    {
        ulong x = (ulong)seed ^ (0x9E3779B97F4A7C15UL * (ulong)(index + 1));
        return (long)SplitMix(ref x);
    }

    public ulong NextULong()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [<paramref name="min"/>, <paramref name="max"/>] (both included).</summary>
    public int NextInt(int min, int max)
    {
        ulong range = (ulong)(max - min) + 1;
        return min + (int)(NextULong() % range); // the modulo bias is below 1e-17 for these small ranges
    }

    /// <summary>An exponential waiting time with the given rate (events per unit of time).</summary>
    public double NextExponential(double rate) => -Math.Log(1.0 - NextDouble()) / rate;

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
