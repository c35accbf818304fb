namespace Clawdbot.Sdk;

// Contract placeholder: the runtime issue (#4) replaces this file with the whole Converse request model.
public sealed class ConverseRequest
{
    public ConverseRequest(string modelId) => ModelId = modelId;

    public string ModelId { get; }

    /// <summary>The declared definition of the model, when known: prices for cost, reasoning, default max tokens.</summary>
    public ModelDefinition? Model { get; set; }

    public IList<Message> Messages { get; } = new List<Message>();
}
