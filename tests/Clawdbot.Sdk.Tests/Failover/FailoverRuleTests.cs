using Clawdbot.Sdk.Testing;
using static Clawdbot.Sdk.Tests.Failover.FailoverFixture;

namespace Clawdbot.Sdk.Tests.Failover;

/// <summary>Which failures move a chain to its next model, and which stay the caller's.</summary>
public sealed class FailoverRuleTests
{
    public static TheoryData<int, string, string, BedrockErrorKind> FailoverWorthy => new()
    {
        { 429, "ThrottlingException", "Rate exceeded", BedrockErrorKind.Throttling },
        { 429, "ThrottlingException", "Too many tokens, please wait before trying again.", BedrockErrorKind.Throttling },
        { 400, "ServiceQuotaExceededException", "Quota exceeded", BedrockErrorKind.ServiceQuotaExceeded },
        { 429, "ModelNotReadyException", "Model is not ready", BedrockErrorKind.ModelNotReady },
        { 503, "ServiceUnavailableException", "Service unavailable", BedrockErrorKind.ServiceUnavailable },
        { 500, "InternalServerException", "Internal error", BedrockErrorKind.InternalServer },
        { 502, "BadGatewayException", "Bad gateway", BedrockErrorKind.ServiceError },
        { 408, "ModelTimeoutException", "Model timed out", BedrockErrorKind.ModelTimeout },
        { 400, "ValidationException", "Invocation of model ID amazon.nova-pro-v1:0 with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.", BedrockErrorKind.Validation },
    };

    [Theory]
    [MemberData(nameof(FailoverWorthy))]
    public async Task A_failover_worthy_failure_before_the_first_event_is_answered_by_the_next_model(int status, string type, string message, BedrockErrorKind kind)
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        // A client each for ConverseStream and Converse: the first failure cools the primary down on its client.
        using var streaming = Client(bedrock);
        using var converse = Client(bedrock);
        bedrock.SetStandingResponse(Primary, Script.HttpError(status, type, message));

        var streamed = await Chain(streaming).StreamAsync("Hi").ToResultAsync();
        var completed = await Chain(converse).CompleteAsync("Hi");

        foreach (var result in new[] { streamed, completed })
        {
            Assert.Equal("You said: Hi", result.Text);
            Assert.Equal("amazon-bedrock/" + Second, result.ModelRef);
            var attempt = Assert.Single(result.FailoverAttempts);
            Assert.Equal("amazon-bedrock/" + Primary, attempt.ModelRef);
            Assert.Equal(kind, attempt.Kind);
            Assert.Equal(status, attempt.StatusCode);
        }

        // The fallback gets its own definition (max tokens), not the primary's.
        Assert.Contains("\"maxTokens\":2222", bedrock.Requests.Last(r => r.ModelId == Second).Body);
    }

    [Fact]
    public async Task A_first_event_timeout_fails_over()
    {
        // One fake clock: the primary times out when the test advances it, the fallback's answer has all the time it needs.
        var time = TestClock.Create();
        await using var bedrock = await TestClock.StartBedrockAsync(time);
        using var client = Tests.Runtime.RuntimeTestSupport.Client(bedrock, o => { o.MaxAttempts = 1; o.TimeProvider = time; o.FirstEventTimeout = TimeSpan.FromSeconds(5); });
        bedrock.Enqueue(Script.Stream().DelayFirstByte(TimeSpan.FromSeconds(30)).Text("late").Stop("end_turn").Usage(1, 1), Primary);

        var call = Chain(client).StreamAsync("Hi").ToResultAsync();
        await Eventually.UntilAsync(() => CallsTo(bedrock, Primary) == 1, "the primary's call");
        time.Advance(TimeSpan.FromSeconds(5));
        var result = await Eventually.Within(call, "the fallback's answer");

        Assert.Equal("amazon-bedrock/" + Second, result.ModelRef);
        Assert.Equal(BedrockErrorKind.Timeout, Assert.Single(result.FailoverAttempts).Kind);
    }

    public static TheoryData<int, string, BedrockErrorKind> NotFailoverWorthy => new()
    {
        { 400, "ValidationException", BedrockErrorKind.Validation },
        { 403, "AccessDeniedException", BedrockErrorKind.AccessDenied },
        { 404, "ResourceNotFoundException", BedrockErrorKind.ResourceNotFound },
        { 424, "ModelErrorException", BedrockErrorKind.ModelError },
    };

    [Theory]
    [MemberData(nameof(NotFailoverWorthy))]
    public async Task Other_failures_are_the_callers_and_no_fallback_is_called(int status, string type, BedrockErrorKind kind)
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = Client(bedrock);
        bedrock.SetStandingResponse(Primary, Script.HttpError(status, type, "The request is wrong"));
        var chain = Chain(client);

        // The same client twice: a failure not worth failing over starts no cool-down either.
        var streamed = await Assert.ThrowsAsync<BedrockException>(() => chain.StreamAsync("Hi").ToResultAsync());
        var completed = await Assert.ThrowsAsync<BedrockException>(() => chain.CompleteAsync("Hi"));

        Assert.Equal(kind, streamed.Kind);
        Assert.Equal(kind, completed.Kind);
        Assert.Empty(streamed.FailoverAttempts);
        Assert.Equal(0, CallsTo(bedrock, Second));
    }

    [Fact]
    public async Task Content_filtered_is_an_answer_and_does_not_fail_over()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = Client(bedrock);
        bedrock.Enqueue(Script.Stream().Text("I can't help with that.").Stop("content_filtered").Usage(3, 5), Primary);

        var result = await Chain(client).StreamAsync("Hi").ToResultAsync();

        Assert.Equal(StopReason.ContentFiltered, result.StopReason);
        Assert.Equal("amazon-bedrock/" + Primary, result.ModelRef);
        Assert.Empty(result.FailoverAttempts);
        Assert.Equal(0, CallsTo(bedrock, Second));
    }

    [Fact]
    public async Task A_failure_after_the_first_event_never_fails_over_and_keeps_the_partial_answer()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = Client(bedrock);
        bedrock.Enqueue(Script.Stream().Text("partial ", "answer").ThenException("throttlingException", "Too many requests"), Primary);
        var updates = new List<StreamUpdate>();

        var error = await Assert.ThrowsAsync<BedrockException>(() => Tests.Runtime.RuntimeTestSupport.CollectAsync(Chain(client).StreamAsync("Hi"), updates));

        Assert.Equal(BedrockErrorKind.Throttling, error.Kind);
        Assert.Equal("partial answer", error.PartialResult?.Text);
        Assert.Equal("amazon-bedrock/" + Primary, error.PartialResult?.ModelRef);
        Assert.Equal("partial answer", string.Concat(updates.OfType<TextDelta>().Select(t => t.Text)));
        Assert.Equal(0, CallsTo(bedrock, Second));
    }

    [Fact]
    public async Task A_non_failover_failure_of_a_fallback_still_tells_what_failed_before_it()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = Client(bedrock);
        bedrock.SetStandingResponse(Primary, Script.HttpError(429, "ThrottlingException", "Rate exceeded"));
        bedrock.SetStandingResponse(Second, Script.HttpError(403, "AccessDeniedException", "No access to this model"));

        var error = await Assert.ThrowsAsync<BedrockException>(() => Chain(client).CompleteAsync("Hi"));

        Assert.Equal(BedrockErrorKind.AccessDenied, error.Kind);
        Assert.Equal("amazon-bedrock/" + Primary, Assert.Single(error.FailoverAttempts).ModelRef);
        Assert.StartsWith("amazon-bedrock/" + Primary + ": ThrottlingException (429); then amazon-bedrock/" + Second + ": No access", error.Message);
        Assert.Equal(0, CallsTo(bedrock, Third));
    }

    [Fact]
    public async Task When_every_model_fails_one_exception_lists_every_attempt_and_the_unusable_fallbacks()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = Client(bedrock);
        bedrock.SetStandingResponse(Primary, Script.HttpError(429, "ThrottlingException", "Rate exceeded"));
        bedrock.SetStandingResponse(Second, Script.HttpError(503, "ServiceUnavailableException", "Down for now"));
        bedrock.SetStandingResponse(Third, Script.HttpError(500, "InternalServerException", "Broken"));

        var error = await Assert.ThrowsAsync<BedrockException>(() => Chain(client).StreamAsync("Hi").ToResultAsync());

        Assert.Equal(BedrockErrorKind.InternalServer, error.Kind);
        Assert.Equal(500, error.StatusCode);
        Assert.Equal(["amazon-bedrock/" + Primary, "amazon-bedrock/" + Second, "amazon-bedrock/" + Third], error.FailoverAttempts.Select(a => a.ModelRef));
        Assert.Contains("amazon-bedrock/" + Primary + ": ThrottlingException (429): Rate exceeded", error.Message);
        Assert.Contains("amazon-bedrock/" + Second + ": ServiceUnavailableException (503): Down for now", error.Message);
        Assert.Contains("amazon-bedrock/" + Third + ": InternalServerException (500): Broken", error.Message);
        Assert.Contains("agents.defaults.model.fallbacks[0]: 'openai/gpt-4o' names provider 'openai'", error.Message);
        Assert.Equal(3, CallsTo(bedrock, Primary)); // each model keeps its own retries
    }

    [Fact]
    public void Fallbacks_the_sdk_cannot_call_are_left_out_with_where_they_are_written()
    {
        using var client = new BedrockClient(Tests.Runtime.RuntimeTestSupport.Options());
        var chain = Chain(client);

        Assert.Equal(["amazon-bedrock/" + Primary, "amazon-bedrock/" + Second, "amazon-bedrock/" + Third], chain.Models.Select(m => m.Ref));
        Assert.Equal(
            [
                "agents.defaults.model.fallbacks[0]: 'openai/gpt-4o' names provider 'openai' (api openai-completions), which is not Amazon Bedrock; this SDK calls only Bedrock",
                "agents.defaults.model.fallbacks[2]: 'amazon-bedrock/amazon.titan-text-express-v1' is not declared under models.providers.amazon-bedrock.models; declare it to fail over to it",
                "agents.defaults.model.fallbacks[5]: 'claude-sonnet-4-5' names provider 'anthropic', which models.providers does not declare as Amazon Bedrock; this SDK calls only Bedrock",
            ],
            chain.UnusableFallbacks.Select(u => u.Message));
        Assert.All(chain.UnusableFallbacks, u => Assert.True(u.Skipped));
    }

    [Fact]
    public void A_chain_needs_models_and_a_request_for_its_primary()
    {
        using var client = new BedrockClient(Tests.Runtime.RuntimeTestSupport.Options());
        var chain = Chain(client);

        Assert.Throws<ArgumentException>(() => new BedrockFallbackChain());
        Assert.Throws<ArgumentException>(() => chain.StreamAsync(new ConverseRequest(Second).AddUser("Hi")));
        Assert.Equal("amazon-bedrock/" + Primary + " → amazon-bedrock/" + Second + " → amazon-bedrock/" + Third, chain.ToString());
    }
}
