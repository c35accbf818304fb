namespace Clawdbot.Sdk.EventStreams;

/// <summary>
/// One decoded header. <see cref="Value"/> is a <see cref="bool"/>, <see cref="sbyte"/>, <see cref="short"/>,
/// <see cref="int"/>, <see cref="long"/>, <see cref="byte"/>[], <see cref="string"/>, <see cref="DateTimeOffset"/>
/// (millisecond precision) or <see cref="Guid"/>, following <see cref="Type"/>.
/// </summary>
internal readonly record struct EventStreamHeader(string Name, EventStreamValueType Type, object Value);
