using System.Diagnostics;

namespace Clawdbot.Sdk;

/// <summary>
/// Models tried in order, Clawdbot's <c>agents.defaults.model</c> failover: when a model fails before its first event
/// with throttling, a quota ("too many tokens"), model not ready, service unavailable, a 5xx, a timeout or an on-demand
/// refusal that no inference profile cured, the next model answers. Other failures (validation, access denied, content
/// filtered, …) and any failure after the first event are the caller's, as from a single model.
/// </summary>
/// <remarks>
/// <para>Each model keeps its own retries and inference-profile routing; the chain moves on only once a model has failed
/// for good. What answered is told by <see cref="MessageStart.ModelRef"/> / <see cref="ConverseResult.ModelRef"/> and
/// the failures before it by <see cref="MessageStart.FailoverAttempts"/> / <see cref="ConverseResult.FailoverAttempts"/>;
/// each switch is logged (event 1007, <c>BedrockModelFailover</c>) and recorded on the trace. When every model fails,
/// one <see cref="BedrockException"/> (the last error's kind, status and code) lists every attempt.</para>
/// <para>A model that failed over is passed over for a cool-down (1, 5, 25, then at most 60 minutes while it keeps
/// failing; its next answer clears it), kept by the model's <see cref="BedrockClient"/>, so each client or host has its
/// own. When every model is cooling down, the one whose cool-down ends first is tried.</para>
/// </remarks>
public sealed partial class BedrockFallbackChain
{
    private readonly BedrockModel[] _models;

    /// <summary>
    /// A chain of <paramref name="models"/>, tried in the order given (the first is the primary). Throws
    /// <see cref="ArgumentException"/> when there is none or one is null.
    /// </summary>
    public BedrockFallbackChain(params IEnumerable<BedrockModel> models)
        : this(models, [])
    {
    }

    private BedrockFallbackChain(IEnumerable<BedrockModel> models, IReadOnlyList<FailoverAttempt> unusable)
    {
        ArgumentNullException.ThrowIfNull(models);
        _models = models.ToArray();
        if (_models.Length == 0)
        {
            throw new ArgumentException("A fallback chain needs at least one model.", nameof(models));
        }

        if (Array.IndexOf(_models, null) >= 0)
        {
            throw new ArgumentException("A fallback chain cannot hold a null model.", nameof(models));
        }

        UnusableFallbacks = unusable;
    }

    /// <summary>
    /// The chain of <paramref name="clients"/>' config: the model <c>agents.defaults.model.primary</c> names, then each
    /// of <c>agents.defaults.model.fallbacks</c> that is a declared Bedrock model (others are in
    /// <see cref="UnusableFallbacks"/>). Throws <see cref="InvalidOperationException"/> when the primary is not a
    /// declared Bedrock model.
    /// </summary>
    public static BedrockFallbackChain FromConfig(BedrockClientProvider clients)
    {
        ArgumentNullException.ThrowIfNull(clients);
        const string path = "agents.defaults.model.primary";
        if (clients.Config.AgentDefaults.PrimaryModel is not { } primaryText)
        {
            throw new InvalidOperationException(path + " is not set.");
        }

        var primary = ConfiguredFallbacks.TryResolve(clients, primaryText, path, out var reason)
            ?? throw new InvalidOperationException(reason);
        return ForPrimary(clients, primary);
    }

    /// <summary><paramref name="primary"/> and the config's fallbacks (<c>Bedrock.Models.Default</c>'s chain).</summary>
    internal static BedrockFallbackChain ForPrimary(BedrockClientProvider clients, BedrockModel primary)
    {
        var (models, unusable) = ConfiguredFallbacks.Resolve(clients, primary);
        foreach (var skipped in unusable)
        {
            BedrockLog.FallbackUnusable(primary.Client.Logger, skipped.ModelRef, skipped.Message);
        }

        return new BedrockFallbackChain(models, unusable);
    }

    /// <summary>The models, in the order they are tried; the first is the primary.</summary>
    public IReadOnlyList<BedrockModel> Models => _models;

    /// <summary>The first model.</summary>
    public BedrockModel Primary => _models[0];

    /// <summary>
    /// The fallbacks of the config that cannot be called (another provider than Bedrock, an undeclared model, a
    /// malformed reference), each with where it is written and why; empty for a chain built from models.
    /// </summary>
    public IReadOnlyList<FailoverAttempt> UnusableFallbacks { get; }

    /// <summary>A request for the primary model holding one user message; the chain sends it to each model in turn.</summary>
    public ConverseRequest CreateRequest(string prompt) => Primary.CreateRequest(prompt);

    /// <summary>Streams the answer to <paramref name="prompt"/> from the first model that can give one.</summary>
    /// <exception cref="BedrockException">Every model failed (see <see cref="BedrockException.FailoverAttempts"/>), a model failed in a way not worth failing over, or the stream broke after its first event.</exception>
    public IAsyncEnumerable<StreamUpdate> StreamAsync(string prompt, CancellationToken cancellationToken = default)
        => StreamAsync(CreateRequest(prompt), cancellationToken);

    /// <summary>
    /// Streams the answer to <paramref name="request"/> (made for the primary model) from the first model that can give
    /// one; each fallback gets a copy for itself. The caller's request is never changed.
    /// </summary>
    /// <exception cref="BedrockException">Every model failed (see <see cref="BedrockException.FailoverAttempts"/>), a model failed in a way not worth failing over, or the stream broke after its first event.</exception>
    public IAsyncEnumerable<StreamUpdate> StreamAsync(ConverseRequest request, CancellationToken cancellationToken = default)
    {
        CheckRequest(request);
        return new ChainStream(this, request, cancellationToken);
    }

    /// <summary>Sends <paramref name="prompt"/> (the Converse API) to the first model that can answer it.</summary>
    /// <exception cref="BedrockException">Every model failed (see <see cref="BedrockException.FailoverAttempts"/>), or a model failed in a way not worth failing over.</exception>
    public Task<ConverseResult> CompleteAsync(string prompt, CancellationToken cancellationToken = default)
        => CompleteAsync(CreateRequest(prompt), cancellationToken);

    /// <inheritdoc cref="CompleteAsync(string, CancellationToken)"/>
    public Task<ConverseResult> CompleteAsync(ConverseRequest request, CancellationToken cancellationToken = default)
    {
        CheckRequest(request);
        return CompleteCoreAsync(request, cancellationToken);
    }

    /// <summary>The references in order, joined by <c> → </c>.</summary>
    public override string ToString() => string.Join(" → ", _models.Select(m => m.Ref));

    private async Task<ConverseResult> CompleteCoreAsync(ConverseRequest request, CancellationToken cancellationToken)
    {
        var run = new FailoverRun(this);
        using var activity = run.StartActivity();
        foreach (var model in run.Plan())
        {
            if (run.PassOver(model) is { } passed)
            {
                run.Attempts.Add(passed);
                continue;
            }

            ConverseResult result;
            try
            {
                result = await model.CompleteAsync(RequestFor(model, request), cancellationToken).ConfigureAwait(false);
            }
            catch (BedrockException error) when (run.Fails(model, error))
            {
                continue;
            }
            catch (BedrockException error) when (run.Attempts.Count > 0)
            {
                throw run.Annotate(model, error);
            }

            run.Answered(model);
            return result with { ModelRef = model.Ref, FailoverAttempts = run.Attempts };
        }

        throw run.AllFailed();
    }

    private void CheckRequest(ConverseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!string.Equals(request.ModelId, Primary.Id, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The request is for model '{request.ModelId}', not the chain's primary '{Primary.Id}'. Use {nameof(CreateRequest)} to start one.", nameof(request));
        }
    }

    // The primary gets the caller's request as is; a fallback a copy carrying its own id, definition (prices,
    // reasoning, max tokens) and params, so that nothing of the primary's definition leaks into it. Params the caller
    // chose (anything but the primary's own) stay the caller's.
    private ConverseRequest RequestFor(BedrockModel model, ConverseRequest request)
    {
        if (ReferenceEquals(model, Primary))
        {
            return request;
        }

        var copy = request.WithModelId(model.Id);
        copy.Model = model.Definition;
        if (request.Params is null || Equals(request.Params, Primary.Params))
        {
            copy.Params = model.Params;
        }

        return copy;
    }

    /// <summary>One call through the chain: its attempts, the cool-downs it consults, its trace.</summary>
    private sealed class FailoverRun(BedrockFallbackChain chain)
    {
        private BedrockException? _lastError;
        private Activity? _span;

        public List<FailoverAttempt> Attempts { get; } = [];

        /// <summary>
        /// The models in order; when every one is cooling down, the one whose cool-down ends first is the only one
        /// not passed over.
        /// </summary>
        public IEnumerable<BedrockModel> Plan()
        {
            var models = chain._models;
            if (models.All(m => m.Client.Cooldowns.CoolingUntil(m.Id) is not null))
            {
                _soonest = models.MinBy(m => m.Client.Cooldowns.CoolingUntil(m.Id));
            }

            return models;
        }

        private BedrockModel? _soonest;

        public FailoverAttempt? PassOver(BedrockModel model)
        {
            if (ReferenceEquals(model, _soonest) || model.Client.Cooldowns.CoolingUntil(model.Id) is not { } until)
            {
                return null;
            }

            return FailoverAttempt.Passed(model.Ref, "cooling down until " + until.ToString("u", System.Globalization.CultureInfo.InvariantCulture) + " after a recent failure");
        }

        /// <summary>Whether <paramref name="error"/> (before the first event) moves the chain on; records it if so.</summary>
        public bool Fails(BedrockModel model, BedrockException error)
        {
            if (!FailoverRule.ShouldFailOver(error, model.Id))
            {
                return false;
            }

            var attempt = FailoverAttempt.Failed(model.Ref, error);
            Attempts.Add(attempt);
            _lastError = error;
            var until = model.Client.Cooldowns.RecordFailure(model.Id);
            var next = NextAfter(model);
            BedrockLog.ModelFailover(model.Client.Logger, model.Ref, error.Kind, error.StatusCode, error.ErrorCode, next?.Ref ?? "(none)", until);
            (_span ?? CallObservation.OuterGenAISpan(Activity.Current))?.AddEvent(new ActivityEvent(BedrockTelemetry.FailoverEventName, tags: new ActivityTagsCollection
            {
                [BedrockTelemetry.Tags.FailoverFrom] = model.Ref,
                [BedrockTelemetry.Tags.FailoverTo] = next?.Ref,
                [BedrockTelemetry.Tags.ErrorType] = error.ErrorCode ?? error.Kind.ToString(),
            }));
            return true;
        }

        public void Answered(BedrockModel model)
        {
            model.Client.Cooldowns.RecordSuccess(model.Id);
            if (Attempts.Count > 0 && (_span ?? CallObservation.OuterGenAISpan(Activity.Current)) is { } span)
            {
                span.SetTag(BedrockTelemetry.Tags.FailoverAnsweredBy, model.Ref);
                span.SetTag(BedrockTelemetry.Tags.FailoverAttempts, Attempts.Count);
            }
        }

        /// <summary>
        /// The trace of the chain call: events go to the caller's GenAI span (Microsoft.Extensions.AI's) when there is
        /// one, else to a span of the chain's own, parent of each model's call span.
        /// </summary>
        public Activity? StartActivity()
        {
            // A chain of one model (a default without fallbacks) traces as that model's call alone.
            if (chain._models.Length < 2 || CallObservation.OuterGenAISpan(Activity.Current) is not null)
            {
                return null;
            }

            _span = BedrockTelemetry.ActivitySource.StartActivity(BedrockTelemetry.FailoverSpanName + " " + chain.Primary.Ref, ActivityKind.Internal);
            return _span;
        }

        /// <summary><paramref name="error"/> (not failed over) carrying the attempts before it and where it came from.</summary>
        public BedrockException Annotate(BedrockModel model, BedrockException error)
        {
            var attempts = Attempts.ToArray();
            var partial = error.PartialResult is { } result ? result with { ModelRef = model.Ref, FailoverAttempts = attempts } : null;
            var message = attempts.Length == 0
                ? error.Message
                : string.Join("; ", attempts.Select(a => a.ToString())) + "; then " + model.Ref + ": " + error.Message;
            return error.With(partial, error.Attempts, message, attempts);
        }

        public BedrockException AllFailed()
        {
            var last = _lastError;
            var attempts = Attempts.ToArray();
            var lines = attempts.Select(a => a.Skipped ? a.ToString() : a + ": " + a.Message).Concat(chain.UnusableFallbacks.Select(u => "not usable: " + u.Message));
            var message = $"Every model of the chain failed: {string.Join("; ", lines)}.";
            _span?.SetStatus(ActivityStatusCode.Error, last?.Kind.ToString());
            return new BedrockException(last?.Kind ?? BedrockErrorKind.ServiceError, message, last)
            {
                StatusCode = last?.StatusCode,
                RequestId = last?.RequestId,
                ErrorCode = last?.ErrorCode,
                Timeout = last?.Timeout,
                Attempts = last?.Attempts ?? 0,
                FailoverAttempts = attempts,
            };
        }

        private BedrockModel? NextAfter(BedrockModel model)
        {
            var models = chain._models;
            for (var i = Array.IndexOf(models, model) + 1; i < models.Length; i++)
            {
                if (models[i].Client.Cooldowns.CoolingUntil(models[i].Id) is null)
                {
                    return models[i];
                }
            }

            return null;
        }
    }
}
