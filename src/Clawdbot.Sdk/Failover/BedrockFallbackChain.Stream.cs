namespace Clawdbot.Sdk;

public sealed partial class BedrockFallbackChain
{
    /// <summary>One streaming call through the chain (<see cref="StreamAsync(ConverseRequest, CancellationToken)"/>).</summary>
    private sealed class ChainStream(BedrockFallbackChain chain, ConverseRequest request, CancellationToken cancellationToken) : IAsyncEnumerable<StreamUpdate>
    {
        public IAsyncEnumerator<StreamUpdate> GetAsyncEnumerator(CancellationToken enumeratorToken = default)
            => new ChainEnumerator(chain, request, cancellationToken, enumeratorToken);
    }

    /// <summary>
    /// Until a model gives its first update, the chain decides who answers (<see cref="StartAsync"/>); from then on
    /// each update of that model passes straight through. A long answer has hundreds of thousands of updates, and an
    /// async iterator here cost each of them a state-machine step of its own.
    /// </summary>
    private sealed class ChainEnumerator : IAsyncEnumerator<StreamUpdate>
    {
        private readonly BedrockFallbackChain _chain;
        private readonly ConverseRequest _request;
        private readonly CancellationToken _token;
        private readonly CancellationTokenSource? _linkedTokens;
        private readonly FailoverRun _run;
        private System.Diagnostics.Activity? _activity;
        private IAsyncEnumerator<StreamUpdate>? _answering;
        private BedrockModel? _answeringModel;
        private bool _started;
        private bool _finished;

        // Either token cancels: the one given to StreamAsync and the one given to GetAsyncEnumerator.
        public ChainEnumerator(BedrockFallbackChain chain, ConverseRequest request, CancellationToken callerToken, CancellationToken enumeratorToken)
        {
            _chain = chain;
            _request = request;
            _run = new FailoverRun(chain);
            _token = EnumeratorCancellation.Combine(callerToken, enumeratorToken, out _linkedTokens);
        }

        public StreamUpdate Current { get; private set; } = null!;

        public ValueTask<bool> MoveNextAsync()
        {
            if (_finished)
            {
                return new ValueTask<bool>(false);
            }

            if (_answering is not { } answering)
            {
                return _started ? new ValueTask<bool>(false) : StartAsync();
            }

            ValueTask<bool> next;
            try
            {
                next = answering.MoveNextAsync();
            }
            catch (Exception error)
            {
                return ValueTask.FromException<bool>(Failed(error));
            }

            if (!next.IsCompletedSuccessfully)
            {
                return AwaitNextAsync(answering, next);
            }

            if (!next.Result)
            {
                End();
                return new ValueTask<bool>(false);
            }

            Current = answering.Current;
            return new ValueTask<bool>(true);
        }

        public async ValueTask DisposeAsync()
        {
            _finished = true;
            if (_answering is { } answering)
            {
                _answering = null;
                await answering.DisposeAsync().ConfigureAwait(false);
            }

            EndActivity();
            _linkedTokens?.Dispose();
        }

        /// <summary>Tries the models in turn until one gives its first update (or ends with none).</summary>
        private async ValueTask<bool> StartAsync()
        {
            _started = true;
            try
            {
                // The chain's span is current while the models are called, so each call's span is its child.
                _activity = _run.StartActivity();
                foreach (var model in _run.Plan())
                {
                    if (_run.PassOver(model) is { } passed)
                    {
                        _run.Attempts.Add(passed);
                        continue;
                    }

                    var updates = model.StreamAsync(_chain.RequestFor(model, _request), _token).GetAsyncEnumerator(_token);
                    bool any;
                    try
                    {
                        any = await updates.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (BedrockException error) when (_run.Fails(model, error))
                    {
                        await updates.DisposeAsync().ConfigureAwait(false);
                        continue;
                    }
                    catch (BedrockException error) when (_run.Attempts.Count > 0)
                    {
                        await updates.DisposeAsync().ConfigureAwait(false);
                        throw _run.Annotate(model, error);
                    }
                    catch
                    {
                        await updates.DisposeAsync().ConfigureAwait(false);
                        throw;
                    }

                    _run.Answered(model);
                    _answering = updates;
                    _answeringModel = model;
                    if (!any)
                    {
                        End();
                        return false;
                    }

                    Current = updates.Current is MessageStart start
                        ? start with { ModelRef = model.Ref, FailoverAttempts = _run.Attempts }
                        : updates.Current;
                    return true;
                }

                throw _run.AllFailed();
            }
            catch
            {
                // No model has answered yet (one that has cannot throw here), so there is no partial answer to tell
                // the origin of: the failure goes out as it is, and the chain's span ends with it.
                End();
                throw;
            }
        }

        private async ValueTask<bool> AwaitNextAsync(IAsyncEnumerator<StreamUpdate> answering, ValueTask<bool> next)
        {
            bool any;
            try
            {
                any = await next.ConfigureAwait(false);
            }
            catch (Exception error)
            {
                var failure = Failed(error);
                if (ReferenceEquals(failure, error))
                {
                    throw;
                }

                throw failure;
            }

            if (!any)
            {
                End();
                return false;
            }

            Current = answering.Current;
            return true;
        }

        /// <summary>Ends the call: the chain's span stops with the stream.</summary>
        private void End()
        {
            _finished = true;
            EndActivity();
        }

        /// <summary>
        /// Ends the call on <paramref name="error"/> and returns what the caller gets. A failure after the first update
        /// never fails over: the partial answer is the caller's, told where it came from when the chain had moved on.
        /// </summary>
        private Exception Failed(Exception error)
        {
            End();
            return error is BedrockException failure && _answeringModel is { } model && (failure.PartialResult is not null || _run.Attempts.Count > 0)
                ? _run.Annotate(model, failure)
                : error;
        }

        private void EndActivity()
        {
            _activity?.Dispose();
            _activity = null;
        }
    }
}
