using Clawdbot.Cli;

using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C cancels the running command (exit 130); the process then ends on its own.
    e.Cancel = true;
    interrupt.Cancel();
};

return await ClawdbotCli.RunAsync(args, CliContext.ForProcess(), interrupt.Token);
