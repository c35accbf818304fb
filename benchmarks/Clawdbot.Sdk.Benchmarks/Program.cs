using Clawdbot.Sdk.Benchmarks;

if (args is ["--quick-ratios", ..])
{
    // A fast side-by-side read on a busy machine: the fastest of many runs of each benchmark, no BenchmarkDotNet.
    await QuickRatios.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 60);
    return;
}

BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
