namespace Clawdbot.Sdk.Testing;

/// <summary>How a request authenticated itself.</summary>
public enum RequestAuthKind
{
    None,
    Bearer,
    SigV4,
}
