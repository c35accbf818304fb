using Clawdbot.Sdk.Generators.Diagnostics;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Clawdbot.Sdk.Generators.Model;

/// <summary>A diagnostic to report, as equatable values (see <see cref="LocationInfo"/>). Must stay equatable.</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> MessageArgs)
{
    public Diagnostic ToDiagnostic()
        => Diagnostic.Create(DiagnosticDescriptors.ForId(Id), Location?.ToLocation(), MessageArgs.ToArray());
}
