namespace Clawdbot.Sdk;

// Contract placeholder: the runtime issue (#4) replaces this file.
public sealed class Message
{
    public static Message User(string text) => new();
}
