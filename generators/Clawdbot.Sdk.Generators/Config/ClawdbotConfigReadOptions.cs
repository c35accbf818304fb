using System;

namespace Clawdbot.Sdk;

/// <summary>How <see cref="ClawdbotConfigReader"/> reads a file: at run time, or for the source generator.</summary>
internal sealed class ClawdbotConfigReadOptions
{
    /// <summary>
    /// Fills <c>${NAME}</c> in the enum-valued fields (<c>mode</c>, <c>auth</c>, <c>api</c>, <c>input</c>) before they
    /// are checked, as Clawdbot does when it loads a file. Null (the generator, which cannot know the run-time
    /// environment) leaves such a field as written and unchecked; see <see cref="Generated.ConfigEnumValues"/>.
    /// </summary>
    public Func<string, string?>? Environment { get; init; }

    /// <summary>
    /// Also applies the rules that concern only the generated C# code: CLAW3006 (a model's C# name) and CLAW3010
    /// (a literal secret is not compiled in). A file read at run time never needs C# names.
    /// </summary>
    public bool ForGeneratedCode { get; init; }
}
