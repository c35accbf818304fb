namespace Clawdbot.Sdk.Testing;

/// <summary>
/// A response the emulator plays for one request instead of its default echo reply. Build one with
/// <see cref="Script"/> and queue it with <see cref="LocalBedrock.Enqueue"/>.
/// </summary>
public abstract class ScriptedResponse
{
    private protected ScriptedResponse()
    {
    }
}
