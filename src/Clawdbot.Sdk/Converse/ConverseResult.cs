namespace Clawdbot.Sdk;

// Contract placeholder: the runtime issue (#4) replaces this file.
public sealed class ConverseResult;
