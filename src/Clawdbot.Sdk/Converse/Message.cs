namespace Clawdbot.Sdk;

/// <summary>Who wrote a message of the conversation.</summary>
public enum ConversationRole
{
    /// <summary>The user (or the application, for tool results).</summary>
    User,
    /// <summary>The model.</summary>
    Assistant,
}

/// <summary>One turn of a conversation: a role and its content blocks.</summary>
public sealed record Message
{
    /// <summary>Creates a message of <paramref name="role"/> holding <paramref name="content"/>, in order.</summary>
    public Message(ConversationRole role, IReadOnlyList<ContentBlock> content)
    {
        ArgumentNullException.ThrowIfNull(content);
        Role = role;
        Content = content;
    }

    /// <summary>Who wrote the message.</summary>
    public ConversationRole Role { get; }

    /// <summary>The message's blocks (text, images, documents, tool calls and results, reasoning), in order.</summary>
    public IReadOnlyList<ContentBlock> Content { get; }

    /// <summary>The concatenated text blocks (reasoning, tool calls and citations' sources left out).</summary>
    public string Text => string.Concat(Content.Select(static b => b switch
    {
        TextBlock t => t.Text,
        CitationsBlock c => c.Text,
        _ => string.Empty,
    }));

    /// <summary>The tool calls the message holds, in order; empty when none.</summary>
    public IEnumerable<ToolUseBlock> ToolUses => Content.OfType<ToolUseBlock>();

    /// <summary>A user message of one text block.</summary>
    public static Message User(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Message(ConversationRole.User, [new TextBlock(text)]);
    }

    /// <summary>A user message of the given blocks, in order.</summary>
    public static Message User(params ContentBlock[] content) => new(ConversationRole.User, content);

    /// <summary>An assistant message of one text block, for replaying an earlier answer.</summary>
    public static Message Assistant(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Message(ConversationRole.Assistant, [new TextBlock(text)]);
    }

    /// <summary>
    /// An assistant message of the given blocks, for replaying an earlier answer (keep its reasoning blocks and
    /// signatures).
    /// </summary>
    public static Message Assistant(params ContentBlock[] content) => new(ConversationRole.Assistant, content);

    /// <summary>True when <paramref name="other"/> has the same role and equal blocks, in the same order.</summary>
    public bool Equals(Message? other) => other is not null && Role == other.Role && Content.SequenceEqual(other.Content);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Role, Content.Count);
}
