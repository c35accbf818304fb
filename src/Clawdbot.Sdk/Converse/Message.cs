namespace Clawdbot.Sdk;

public enum ConversationRole
{
    User,
    Assistant,
}

/// <summary>One turn of a conversation: a role and its content blocks.</summary>
public sealed record Message
{
    public Message(ConversationRole role, IReadOnlyList<ContentBlock> content)
    {
        ArgumentNullException.ThrowIfNull(content);
        Role = role;
        Content = content;
    }

    public ConversationRole Role { get; }

    public IReadOnlyList<ContentBlock> Content { get; }

    /// <summary>The concatenated text blocks (reasoning, tool calls and citations' sources left out).</summary>
    public string Text => string.Concat(Content.Select(static b => b switch
    {
        TextBlock t => t.Text,
        CitationsBlock c => c.Text,
        _ => string.Empty,
    }));

    public IEnumerable<ToolUseBlock> ToolUses => Content.OfType<ToolUseBlock>();

    public static Message User(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Message(ConversationRole.User, [new TextBlock(text)]);
    }

    public static Message User(params ContentBlock[] content) => new(ConversationRole.User, content);

    public static Message Assistant(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Message(ConversationRole.Assistant, [new TextBlock(text)]);
    }

    public static Message Assistant(params ContentBlock[] content) => new(ConversationRole.Assistant, content);

    public bool Equals(Message? other) => other is not null && Role == other.Role && Content.SequenceEqual(other.Content);

    public override int GetHashCode() => HashCode.Combine(Role, Content.Count);
}
