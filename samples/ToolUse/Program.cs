return await ToolUse.ToolUseSample.RunAsync(args, Console.Out);
