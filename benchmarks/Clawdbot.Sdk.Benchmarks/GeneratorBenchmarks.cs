extern alias Generator;

using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using ModelsGenerator = Generator::Clawdbot.Sdk.Generators.ModelsGenerator;

namespace Clawdbot.Sdk.Benchmarks;

/// <summary>One full generator run (parse, validate, emit) over a 1,000-model models.json5; the goal is ≤ 50 ms.</summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private CSharpCompilation _compilation = null!;
    private AdditionalText _file = null!;

    [GlobalSetup]
    public void Setup()
    {
        var builder = new StringBuilder("{\n  models: {\n    providers: {\n      'amazon-bedrock': {\n        baseUrl: 'https://bedrock-runtime.us-east-1.amazonaws.com',\n        api: 'bedrock-converse-stream',\n        models: [\n");
        for (var i = 0; i < 1000; i++)
        {
            builder.Append("          { id: 'vendor.model-").Append(i).Append("-v1:0', name: 'Model ").Append(i)
                .Append(" (Bedrock)', reasoning: ").Append(i % 2 == 0 ? "true" : "false")
                .Append(", input: ['text', 'image'], cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 }, contextWindow: 200000, maxTokens: 8192 }, // model ")
                .Append(i).Append('\n');
        }

        builder.Append("        ],\n      },\n    },\n  },\n  agents: { defaults: { model: { primary: 'amazon-bedrock/vendor.model-0-v1:0' } } },\n}\n");
        _file = new BenchmarkText("/project/models.json5", builder.ToString());
        _compilation = CSharpCompilation.Create("Bench", [CSharpSyntaxTree.ParseText("class C { }")]);
    }

    [Benchmark]
    public int RunGeneratorOn1000Models()
    {
        var driver = CSharpGeneratorDriver.Create([new ModelsGenerator().AsSourceGenerator()], additionalTexts: [_file], optionsProvider: EmptyOptions.Instance);
        var result = driver.RunGenerators(_compilation).GetRunResult();
        return result.GeneratedTrees.Length + result.Diagnostics.Length;
    }

    private sealed class BenchmarkText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class EmptyOptions : AnalyzerConfigOptionsProvider
    {
        public static EmptyOptions Instance { get; } = new();

        public override AnalyzerConfigOptions GlobalOptions => NoOptions.Instance;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => NoOptions.Instance;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => NoOptions.Instance;

        private sealed class NoOptions : AnalyzerConfigOptions
        {
            public static NoOptions Instance { get; } = new();

            public override bool TryGetValue(string key, out string value)
            {
                value = null!;
                return false;
            }
        }
    }
}
