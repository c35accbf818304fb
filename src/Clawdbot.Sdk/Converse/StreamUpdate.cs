namespace Clawdbot.Sdk;

// Contract placeholder: the runtime issue (#4) replaces this file with the closed set of typed updates.
public abstract record StreamUpdate;
