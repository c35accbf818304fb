namespace Clawdbot.Sdk;

/// <summary>
/// The token a hand-written stream enumerator observes: the one given to the call and the one given to
/// <c>GetAsyncEnumerator</c> (what <c>WithCancellation</c> passes) both cancel it, as with an async iterator's
/// <c>[EnumeratorCancellation]</c>.
/// </summary>
internal static class EnumeratorCancellation
{
    /// <summary>
    /// Either token alone when only one can be cancelled (or both are the same); otherwise a token linked to both,
    /// whose source (<paramref name="linked"/>) the enumerator disposes with itself.
    /// </summary>
    public static CancellationToken Combine(CancellationToken callerToken, CancellationToken enumeratorToken, out CancellationTokenSource? linked)
    {
        if (callerToken.CanBeCanceled && enumeratorToken.CanBeCanceled && callerToken != enumeratorToken)
        {
            linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, enumeratorToken);
            return linked.Token;
        }

        linked = null;
        return callerToken.CanBeCanceled ? callerToken : enumeratorToken;
    }
}
