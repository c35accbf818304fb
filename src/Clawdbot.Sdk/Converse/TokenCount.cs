namespace Clawdbot.Sdk;

/// <summary>
/// What Bedrock's CountTokens returned: the input tokens a Converse call with the same messages, system prompt and
/// tools would be billed for (the count is free, and nothing is generated).
/// </summary>
/// <param name="InputTokens">The number of input tokens (<c>inputTokens</c>).</param>
/// <param name="ModelId">The foundation model id counted for (a profile id or ARN mapped to its model).</param>
public sealed record TokenCount(int InputTokens, string ModelId)
{
    /// <summary>The <c>x-amzn-requestid</c> of the call, when the service sent one.</summary>
    public string? RequestId { get; init; }
}
