// Streams an answer from the default model declared in models.json5 (Bedrock.Models.Default), then prints usage and cost.
// With AWS credentials it calls Amazon Bedrock; without any it says so in one line and runs the same code against the
// local Bedrock emulator, which speaks the real wire protocol.
using System.Globalization;
using Clawdbot.Sdk;
using Clawdbot.Sdk.Testing;
using Quickstart;

var model = Bedrock.Models.Default;
var prompt = args.Length > 0 ? string.Join(' ', args) : "In one sentence, what is Amazon Bedrock?";

await using var emulator = await StartEmulatorUnlessCredentialsAsync(model);
Console.WriteLine($"{model.Name} ({model.Ref}){(emulator is null ? string.Empty : " on the local Bedrock emulator")}");

try
{
    await foreach (var update in model.StreamAsync(prompt))
    {
        switch (update)
        {
            case MessageStart { ModelId: { } invoked } when invoked != model.Id:
                Console.WriteLine($"(through inference profile {invoked})");
                break;
            case TextDelta text:
                Console.Write(text.Text);
                break;
            case UsageUpdate { Usage: var usage }:
                Console.WriteLine();
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{usage.InputTokens} input + {usage.OutputTokens} output tokens, cost ${usage.CostUsd ?? 0m:0.######}"));
                break;
        }
    }

    return 0;
}
catch (BedrockException exception)
{
    // What arrived before the failure is already printed; say what broke.
    Console.WriteLine();
    Console.Error.WriteLine($"Bedrock error ({exception.Kind}): {exception.Message}");
    return 1;
}

static async Task<LocalBedrock?> StartEmulatorUnlessCredentialsAsync(BedrockModel model)
{
    try
    {
        await model.Client.GetCredentialSourceAsync();
        return null;
    }
    catch (BedrockException exception) when (exception.Kind == BedrockErrorKind.NoCredentials)
    {
        Console.WriteLine("No AWS credentials found: running against the local Bedrock emulator instead of Amazon Bedrock.");
        var emulator = await LocalBedrock.StartAsync();
        emulator.Enqueue(Script.Stream()
            .Text("Amazon Bedrock is AWS's fully managed service ", "for building with foundation models ", "from Anthropic, Amazon, Meta and others through one API.")
            .Usage(input: 16, output: 27)
            .Stop("end_turn"));
        Bedrock.Clients.Use(new BedrockClient(new BedrockClientOptions
        {
            Endpoint = emulator.Endpoint,
            ControlPlaneEndpoint = emulator.Endpoint,
            Region = emulator.Region,
            Credentials = emulator.Credentials,
        }));
        return emulator;
    }
}
