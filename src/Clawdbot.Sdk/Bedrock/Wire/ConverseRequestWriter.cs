using System.Text.Json;
using System.Text.Json.Nodes;

namespace Clawdbot.Sdk.Wire;

/// <summary>Turns a <see cref="ConverseRequest"/> into the UTF-8 JSON body of Converse / ConverseStream.</summary>
internal static class ConverseRequestWriter
{
    public static byte[] Serialize(ConverseRequest request, bool streaming)
        => Serialize(request, streaming, familyModelId: null, dropped: null);

    /// <summary>
    /// The body, with the reasoning and drop rules of <paramref name="familyModelId"/>'s family (the model behind an
    /// application inference profile; <see cref="ConverseRequest.ModelId"/> when null); what was left out is added to
    /// <paramref name="dropped"/>.
    /// </summary>
    public static byte[] Serialize(ConverseRequest request, bool streaming, string? familyModelId, List<DroppedFields>? dropped, GuardrailConfig? defaultGuardrail = null)
        => JsonSerializer.SerializeToUtf8Bytes(ToWire(request, streaming, familyModelId, dropped, defaultGuardrail), ConverseJsonContext.Default.ConverseRequestWire);

    /// <summary>
    /// The CountTokens body: <c>{"input":{"converse":{messages, system, toolConfig}}}</c>, the same mapping as a Converse
    /// body for <paramref name="foundationModelId"/>'s family, so the count is of what a call would send.
    /// </summary>
    public static byte[] SerializeCountTokens(ConverseRequest request, string foundationModelId)
    {
        var converse = ToWire(request, streaming: false, foundationModelId);
        var wire = new CountTokensRequestWire
        {
            Input = new CountTokensInputWire
            {
                Converse = new ConverseTokensWire { Messages = converse.Messages, System = converse.System, ToolConfig = converse.ToolConfig },
            },
        };
        return JsonSerializer.SerializeToUtf8Bytes(wire, ConverseJsonContext.Default.CountTokensRequestWire);
    }

    public static ConverseRequestWire ToWire(ConverseRequest request, bool streaming, string? familyModelId = null, List<DroppedFields>? dropped = null, GuardrailConfig? defaultGuardrail = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Messages.Count == 0)
        {
            throw new ArgumentException("A Converse request needs at least one message.", nameof(request));
        }

        var family = familyModelId ?? request.ModelId;
        request = EffectiveRequest.Of(request, defaultGuardrail);

        var maxTokens = request.InferenceConfig?.MaxTokens ?? request.Model?.MaxTokens;
        var additional = request.AdditionalModelRequestFields?.DeepClone().AsObject();
        ApplyReasoning(request, family, ref maxTokens, ref additional);

        var inference = request.InferenceConfig;
        var temperature = inference?.Temperature;
        var topP = inference?.TopP;
        UnsupportedFields.Drop(family, ref maxTokens, ref temperature, ref topP, additional, dropped);
        var stops = inference?.StopSequences is { Count: > 0 } stopSequences ? stopSequences.ToList() : null;
        InferenceConfigWire? inferenceWire = maxTokens is null && temperature is null && topP is null && stops is null ? null : new InferenceConfigWire
        {
            MaxTokens = maxTokens,
            Temperature = temperature,
            TopP = topP,
            StopSequences = stops,
        };

        var replay = new ReasoningReplay(ModelFamily.VendorOf(family));
        List<MessageWire> messages = [.. request.Messages.Select(replay.ToWire)];
        if (replay.Dropped > 0)
        {
            dropped?.Add(new DroppedFields($"{replay.Dropped} reasoning block(s) of earlier turns", replay.Reason));
        }

        List<SystemBlockWire>? system = request.System.Count == 0 ? null : [.. request.System.Select(ToWire)];
        PromptCachePlan.Place(request, family, messages, ref system);

        return new ConverseRequestWire
        {
            Messages = messages,
            System = system,
            InferenceConfig = inferenceWire,
            ToolConfig = request.ToolConfig is { } tools ? ToWire(tools) : null,
            GuardrailConfig = request.GuardrailConfig is { } guardrail ? new GuardrailConfigWire
            {
                GuardrailIdentifier = guardrail.Identifier,
                GuardrailVersion = guardrail.Version,
                Trace = guardrail.Trace,
                StreamProcessingMode = streaming ? guardrail.StreamProcessingMode : null,
            } : null,
            AdditionalModelRequestFields = additional is { Count: > 0 } ? additional : null,
            AdditionalModelResponseFieldPaths = request.AdditionalModelResponseFieldPaths.Count == 0 ? null : [.. request.AdditionalModelResponseFieldPaths],
            RequestMetadata = request.RequestMetadata.Count == 0 ? null : new Dictionary<string, string>(request.RequestMetadata, StringComparer.Ordinal),
            PerformanceConfig = request.Latency is { } latency
                ? new PerformanceConfigWire { Latency = latency == LatencyMode.Optimized ? "optimized" : "standard" }
                : null,
            ServiceTier = request.ServiceTier is { } tier ? new ServiceTierWire { Type = tier.ToString().ToLowerInvariant() } : null,
            OutputConfig = request.OutputFormat is { } format ? ToWire(format) : null,
        };
    }

    /// <summary>
    /// Adds the reasoning fields of the model family's style (<see cref="ReasoningPlan"/>); a field the caller set
    /// (<c>thinking</c>, <c>reasoningConfig</c>, <c>reasoning_effort</c>) is left as it is. Budget-style thinking needs
    /// 1024 &lt;= <c>budget_tokens</c> &lt; <c>maxTokens</c>, and the thinking and the answer share <c>maxTokens</c>:
    /// a limit that is set (the caller's <see cref="InferenceConfig.MaxTokens"/>, else the model's declared
    /// <c>maxTokens</c>) is sent unchanged and the budget is lowered to leave <see cref="ReasoningPlan.AnswerReserve"/>
    /// tokens for the answer (never below 1024). Only with no limit at all is <c>maxTokens</c> set, to the budget plus
    /// that reserve. A limit of 1024 or less cannot hold any budget: reasoning asked for by the request
    /// (<see cref="ConverseRequest.ReasoningEffort"/> or <see cref="ConverseRequest.ReasoningBudgetTokens"/>) is an
    /// <see cref="ArgumentException"/>; reasoning that only comes from the model's declaration is left off.
    /// </summary>
    private static void ApplyReasoning(ConverseRequest request, string familyModelId, ref int? maxTokens, ref JsonObject? additional)
    {
        var effort = request.ReasoningEffort;
        var asked = effort is { } e ? e != ReasoningEffort.Off : request.ReasoningBudgetTokens is not null;
        var wanted = effort is not null || request.ReasoningBudgetTokens is not null ? asked : request.Model?.Reasoning == true;
        if (!wanted)
        {
            return;
        }

        var style = ReasoningPlan.StyleOf(familyModelId);
        switch (style)
        {
            case ReasoningPlan.Style.NovaEffort:
                if (additional?.ContainsKey(ReasoningPlan.NovaField) != true)
                {
                    additional ??= [];
                    additional[ReasoningPlan.NovaField] = new JsonObject
                    {
                        ["type"] = "enabled",
                        ["maxReasoningEffort"] = ReasoningPlan.ThreeLevelEffort(effort ?? ReasoningEffort.Medium),
                    };
                }

                return;
            case ReasoningPlan.Style.OpenAiEffort:
                if (additional?.ContainsKey(ReasoningPlan.OpenAiField) != true)
                {
                    additional ??= [];
                    additional[ReasoningPlan.OpenAiField] = ReasoningPlan.ThreeLevelEffort(effort ?? ReasoningEffort.Medium);
                }

                return;
            case ReasoningPlan.Style.Adaptive or ReasoningPlan.Style.Budget when additional?.ContainsKey("thinking") != true:
                break;
            default:
                return;
        }

        if (style == ReasoningPlan.Style.Adaptive)
        {
            additional ??= [];
            additional["thinking"] = new JsonObject { ["type"] = "adaptive" };
            if (effort is { } chosen && !additional.ContainsKey("output_config"))
            {
                additional["output_config"] = new JsonObject { ["effort"] = ReasoningPlan.WireEffort(chosen) };
            }

            return;
        }

        var wantedBudget = Math.Max(ReasoningPlan.MinimumBudget, request.ReasoningBudgetTokens ?? ReasoningPlan.BudgetFor(effort ?? ReasoningEffort.Medium));
        int budget;
        if (maxTokens is not { } limit)
        {
            budget = wantedBudget;
            maxTokens = budget + ReasoningPlan.AnswerReserve;
        }
        else if (limit > ReasoningPlan.MinimumBudget)
        {
            budget = Math.Min(wantedBudget, Math.Max(ReasoningPlan.MinimumBudget, limit - ReasoningPlan.AnswerReserve));
        }
        else if (asked)
        {
            throw new ArgumentException(
                $"maxTokens {limit} leaves no room for reasoning on {request.ModelId}: its thinking budget must be at least "
                + $"{ReasoningPlan.MinimumBudget} tokens and below maxTokens. Raise InferenceConfig.MaxTokens above {ReasoningPlan.MinimumBudget} or set ReasoningEffort.Off.",
                nameof(request));
        }
        else
        {
            return;
        }

        additional ??= [];
        additional["thinking"] = new JsonObject { ["type"] = "enabled", ["budget_tokens"] = budget };
    }

    internal static ContentBlockWire ToWire(ContentBlock block) => block switch
    {
        TextBlock text => new ContentBlockWire { Text = text.Text },
        ImageBlock image => new ContentBlockWire { Image = new ImageWire { Format = image.Format, Source = Source(image.Bytes, image.S3) } },
        DocumentBlock document => new ContentBlockWire
        {
            Document = new DocumentWire
            {
                Format = document.Format,
                Name = document.Name,
                Source = Source(document.Bytes, document.S3),
                Citations = document.CitationsEnabled ? new CitationsConfigWire { Enabled = true } : null,
            },
        },
        VideoBlock video => new ContentBlockWire { Video = new VideoWire { Format = video.Format, Source = Source(video.Bytes, video.S3) } },
        GuardContentBlock { Text: { } guarded } guard => new ContentBlockWire
        {
            GuardContent = new GuardContentWire { Text = new GuardContentTextWire { Text = guarded, Qualifiers = guard.Qualifiers.Count == 0 ? null : [.. guard.Qualifiers] } },
        },
        GuardContentBlock guard => new ContentBlockWire { GuardContent = new GuardContentWire { Image = Image(guard.ImageFormat!, guard.ImageBytes ?? default) } },
        ToolUseBlock toolUse => new ContentBlockWire
        {
            ToolUse = new ToolUseWire { ToolUseId = toolUse.ToolUseId, Name = toolUse.Name, Input = toolUse.Input.ValueKind == JsonValueKind.Undefined ? EmptyObject : toolUse.Input },
        },
        ToolResultBlock result => new ContentBlockWire
        {
            ToolResult = new ToolResultWire
            {
                ToolUseId = result.ToolUseId,
                Content = [.. result.Content.Select(ToWire)],
                Status = result.Status switch { ToolResultStatus.Success => "success", ToolResultStatus.Error => "error", _ => null },
            },
        },
        ReasoningBlock { RedactedContent: { } redacted } => new ContentBlockWire
        {
            ReasoningContent = new ReasoningContentWire { RedactedContent = redacted.ToArray() },
        },
        ReasoningBlock reasoning => new ContentBlockWire
        {
            ReasoningContent = new ReasoningContentWire { ReasoningText = new ReasoningTextWire { Text = reasoning.Text!, Signature = reasoning.Signature } },
        },
        CachePointBlock point => new ContentBlockWire { CachePoint = CachePoint(point.Ttl) },
        CitationsBlock citations => new ContentBlockWire
        {
            CitationsContent = new CitationsContentWire
            {
                Content = [new CitationGeneratedContentWire { Text = citations.Text }],
                Citations = [.. citations.Citations.Select(static c => c.Raw)],
            },
        },
        _ => throw new ArgumentException($"Unsupported content block {block.GetType().Name}."),
    };

    private static ToolResultContentWire ToWire(ToolResultContent content) => content switch
    {
        ToolResultContent.Text text => new ToolResultContentWire { Text = text.Value },
        ToolResultContent.Json json => new ToolResultContentWire { Json = json.Value },
        ToolResultContent.Image image => new ToolResultContentWire { Image = Image(image.Format, image.Bytes) },
        _ => throw new ArgumentException($"Unsupported tool result content {content.GetType().Name}."),
    };

    private static SystemBlockWire ToWire(SystemBlock block) => block switch
    {
        SystemBlock.Text text => new SystemBlockWire { Text = text.Value },
        SystemBlock.CachePoint point => new SystemBlockWire { CachePoint = CachePoint(point.Ttl) },
        _ => throw new ArgumentException($"Unsupported system block {block.GetType().Name}."),
    };

    private static ToolConfigWire ToWire(ToolConfig config)
    {
        var tools = config.Tools.Select(static t => new ToolWire
        {
            ToolSpec = new ToolSpecWire
            {
                Name = t.Name,
                Description = t.Description,
                InputSchema = new ToolInputSchemaWire { Json = t.InputSchema },
                Strict = t.Strict ? true : null,
            },
        }).ToList();
        if (config.CachePointAfterTools || config.CachePointAfterToolsTtl is not null)
        {
            tools.Add(new ToolWire { CachePoint = CachePoint(config.CachePointAfterToolsTtl) });
        }

        return new ToolConfigWire
        {
            Tools = tools,
            ToolChoice = config.Choice?.Kind switch
            {
                "auto" => new ToolChoiceWire { Auto = new EmptyWire() },
                "any" => new ToolChoiceWire { Any = new EmptyWire() },
                "tool" => new ToolChoiceWire { Tool = new ToolChoiceToolWire { Name = config.Choice.ToolName! } },
                _ => null,
            },
        };
    }

    private static OutputConfigWire ToWire(OutputFormat format) => new()
    {
        TextFormat = new OutputFormatWire
        {
            Structure = new OutputFormatStructureWire
            {
                JsonSchema = new JsonSchemaDefinitionWire { Schema = format.JsonSchema, Name = format.Name, Description = format.Description },
            },
        },
    };

    private static CachePointWire CachePoint(CacheTtl? ttl)
        => new() { Ttl = ttl is { } t ? PromptCachePlan.WireTtl(t) : null };

    private static BytesSourceWire Source(ReadOnlyMemory<byte> bytes, S3Location? s3)
        => s3 is null
            ? new BytesSourceWire { Bytes = bytes.ToArray() }
            : new BytesSourceWire { S3Location = new S3LocationWire { Uri = s3.Uri, BucketOwner = s3.BucketOwner } };

    private static ImageWire Image(string format, ReadOnlyMemory<byte> bytes)
        => new() { Format = format, Source = new BytesSourceWire { Bytes = bytes.ToArray() } };

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();
}
