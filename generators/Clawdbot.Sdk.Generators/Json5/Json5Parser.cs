namespace Clawdbot.Sdk;

// Placeholder: the JSON5 helper replaces this file.
internal static class Json5Parser
{
    public static Json5Value Parse(string text) => throw new System.NotImplementedException();
}
