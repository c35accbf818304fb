namespace Clawdbot.Sdk;

// Contract placeholder: the runtime issue (#4) replaces this file.
public sealed class BedrockClientOptions
{
    public string? Region { get; set; }

    public Uri? Endpoint { get; set; }
}
