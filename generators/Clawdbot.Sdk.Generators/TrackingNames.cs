namespace Clawdbot.Sdk.Generators;

/// <summary>Names of the pipeline steps, so tests can check which of them ran again.</summary>
internal static class TrackingNames
{
    public const string Parse = nameof(Parse);
    public const string Spec = nameof(Spec);
    public const string Diagnostics = nameof(Diagnostics);
    public const string Options = nameof(Options);
    public const string EmitInput = nameof(EmitInput);
}
