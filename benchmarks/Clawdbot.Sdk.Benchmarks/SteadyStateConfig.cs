using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Clawdbot.Sdk.Benchmarks;

/// <summary>
/// The job of the benchmarks whose one call decodes 100k frames: the JIT keeps the decoding loop in tier-0 code for
/// the first dozen or so calls (the call-counting delay restarts while new methods are still compiled), so 30 warm-ups
/// put the measured iterations past that, on the code a long-running service runs; one call per iteration.
/// </summary>
internal sealed class SteadyStateConfig : ManualConfig
{
    public SteadyStateConfig() => AddJob(Job.Default
        .WithWarmupCount(30)
        .WithIterationCount(20)
        .WithInvocationCount(1)
        .WithUnrollFactor(1));
}
