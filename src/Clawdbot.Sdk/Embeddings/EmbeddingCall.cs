using System.Runtime.ExceptionServices;

namespace Clawdbot.Sdk;

/// <summary>
/// One embedding request: the texts split into InvokeModel calls (one text each for Titan, up to 96 for Cohere), at
/// most <see cref="MaxConcurrentCalls"/> in flight, each through <see cref="InvokeModelCall"/> (and so retried on its
/// own); the vectors put back in the order of the texts and the tokens summed. The first call that fails for good
/// cancels the rest and is what the caller sees.
/// </summary>
internal static class EmbeddingCall
{
    /// <summary>Calls in flight for one request: enough to hide latency, few enough not to throttle the account.</summary>
    public const int MaxConcurrentCalls = 4;

    public static async Task<EmbeddingResult> RunAsync(CallPipeline pipeline, string modelId, IReadOnlyList<string> texts, EmbeddingOptions options, ClawdbotConfig discoveryConfig, CancellationToken cancellationToken)
    {
        pipeline.Transport.ThrowIfDisposed();
        var family = await FamilyAsync(pipeline, modelId, discoveryConfig, cancellationToken).ConfigureAwait(false);
        family.Validate(options, modelId);
        if (texts.Count == 0)
        {
            return new EmbeddingResult(modelId, [], 0, []);
        }

        var batches = texts.Chunk(family.TextsPerCall).ToArray();
        var answers = new (InvokeModelResponse Response, float[][] Vectors, int Tokens)[batches.Length];
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var gate = new SemaphoreSlim(MaxConcurrentCalls);

        async Task CallAsync(int index)
        {
            await gate.WaitAsync(failed.Token).ConfigureAwait(false);
            try
            {
                var batch = batches[index];
                var body = EmbeddingWire.Request(family, batch, options);
                var response = await InvokeModelCall.RunAsync(pipeline, modelId, body, discoveryConfig, failed.Token).ConfigureAwait(false);
                var (vectors, bodyTokens) = EmbeddingWire.Response(family, response.Body, batch.Length, response.RequestId);
                answers[index] = (response, vectors, bodyTokens ?? response.InputTokenCount ?? 0);
            }
            catch
            {
                await failed.CancelAsync().ConfigureAwait(false);
                throw;
            }
            finally
            {
                gate.Release();
            }
        }

        var calls = Enumerable.Range(0, batches.Length).Select(CallAsync).ToArray();
        try
        {
            await Task.WhenAll(calls).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The calls cancelled because another failed report that cancellation; the failure itself is the answer.
            var cause = calls.Select(c => c.Exception?.InnerException).FirstOrDefault(e => e is not null and not OperationCanceledException)
                ?? calls.Select(c => c.Exception?.InnerException).First(e => e is not null)!;
            ExceptionDispatchInfo.Throw(cause);
        }

        var embeddings = answers.SelectMany(a => a.Vectors).Select(v => new ReadOnlyMemory<float>(v)).ToArray();
        var requestIds = answers.Select(a => a.Response.RequestId).OfType<string>().ToArray();
        return new EmbeddingResult(answers[^1].Response.ModelId, embeddings, answers.Sum(a => a.Tokens), requestIds);
    }

    /// <summary>The family by the id, else by the foundation model behind an application inference profile.</summary>
    private static async ValueTask<EmbeddingFamily> FamilyAsync(CallPipeline pipeline, string modelId, ClawdbotConfig discoveryConfig, CancellationToken cancellationToken)
    {
        if (EmbeddingFamily.Find(modelId) is { } family)
        {
            return family;
        }

        var behind = await pipeline.FoundationModelIdAsync(modelId, discoveryConfig, cancellationToken).ConfigureAwait(false);
        return EmbeddingFamily.Find(behind) ?? throw EmbeddingFamily.NotSupported(modelId);
    }
}
