namespace Clawdbot.Sdk.Testing.Internal;

/// <summary>A content block of a scripted reply, kept whole so <c>converse</c> can return it aggregated.</summary>
internal abstract record ScriptBlock;

internal sealed record TextScriptBlock(string Text) : ScriptBlock;

internal sealed record ReasoningScriptBlock(string Text, string? Signature) : ScriptBlock;

internal sealed record RedactedReasoningScriptBlock(byte[] Data) : ScriptBlock;

internal sealed record ToolUseScriptBlock(string ToolUseId, string Name, string InputJson) : ScriptBlock;
