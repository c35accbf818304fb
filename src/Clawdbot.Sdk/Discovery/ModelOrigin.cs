namespace Clawdbot.Sdk;

/// <summary>Where a listed model comes from.</summary>
public enum ModelOrigin
{
    /// <summary>Declared in the config only.</summary>
    Declared,

    /// <summary>Found by Bedrock discovery only.</summary>
    Discovered,

    /// <summary>Declared and also discovered: the declared fields win, the discovered ones fill the rest.</summary>
    Both,
}
