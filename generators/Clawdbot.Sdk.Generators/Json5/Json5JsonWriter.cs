namespace Clawdbot.Sdk;

// Placeholder: the JSON5 helper replaces this file.
internal static class Json5JsonWriter
{
    public static string Write(Json5Value value) => throw new System.NotImplementedException();
}
