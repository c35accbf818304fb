namespace Clawdbot.Sdk;

/// <summary>
/// A structured-output answer: <see cref="Value"/>, the model's JSON read as <typeparamref name="T"/>, and the call's
/// <see cref="Result"/> (the raw text, stop reason, usage and cost).
/// </summary>
/// <typeparam name="T">The type the answer was read as.</typeparam>
public sealed class StructuredResult<T>
{
    /// <summary>An answer of <paramref name="value"/> read from <paramref name="result"/>; tests build their own with it.</summary>
    public StructuredResult(T value, ConverseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Value = value;
        Result = result;
    }

    /// <summary>The answer, deserialized with the contract the call was given.</summary>
    public T Value { get; }

    /// <summary>The whole call: <see cref="ConverseResult.Text"/> is the JSON as the model wrote it.</summary>
    public ConverseResult Result { get; }
}
