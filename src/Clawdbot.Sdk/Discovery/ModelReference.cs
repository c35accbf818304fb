namespace Clawdbot.Sdk;

/// <summary>
/// A model reference as the config and the CLI write it: <c>provider/id</c>, an alias, a bare id or an ARN.
/// The provider is split off at the first <c>/</c>, except in an ARN, whose own slashes belong to it.
/// </summary>
public readonly record struct ModelReference(string? ProviderId, string ModelId)
{
    public static ModelReference Parse(string reference)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        var text = reference.Trim();
        if (text.StartsWith("arn:", StringComparison.Ordinal))
        {
            return new ModelReference(null, text);
        }

        var slash = text.IndexOf('/');
        return slash > 0 && slash < text.Length - 1
            ? new ModelReference(text[..slash], text[(slash + 1)..])
            : new ModelReference(null, text);
    }

    public override string ToString() => ProviderId is null ? ModelId : ProviderId + "/" + ModelId;
}
