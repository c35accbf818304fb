namespace Clawdbot.Sdk.Wire;

/// <summary>
/// Which reasoning blocks of earlier turns are sent back to the target model. On Bedrock only Anthropic's models sign
/// their reasoning or redact it, so a signature or redacted content marks Claude's reasoning, and unsigned text another
/// vendor's (DeepSeek R1, gpt-oss, Nova). Claude refuses thinking without a signature and other models refuse the
/// signature field, so each target gets only its own kind: Claude the signed and redacted blocks, any other known
/// model the unsigned ones. A target that is not known (an application inference profile that could not be resolved)
/// gets every block, as given. The rest of each message (text, tool calls) is always sent.
/// </summary>
internal sealed class ReasoningReplay(ModelFamily.Vendor target)
{
    public int Dropped { get; private set; }

    public string Reason => target == ModelFamily.Vendor.Anthropic
        ? "Claude only takes back its own signed reasoning"
        : "signed reasoning is only understood by the Claude models that made it";

    public MessageWire ToWire(Message message)
    {
        var content = new List<ContentBlockWire>(message.Content.Count);
        foreach (var block in message.Content)
        {
            if (block is ReasoningBlock reasoning && !Keeps(reasoning))
            {
                Dropped++;
                continue;
            }

            content.Add(ConverseRequestWriter.ToWire(block));
        }

        return new MessageWire { Role = message.Role == ConversationRole.User ? "user" : "assistant", Content = content };
    }

    private bool Keeps(ReasoningBlock block)
    {
        var signed = block.Signature is not null || block.IsRedacted;
        return target switch
        {
            ModelFamily.Vendor.Unknown => true,
            ModelFamily.Vendor.Anthropic => signed,
            _ => !signed,
        };
    }
}
