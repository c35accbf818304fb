return await ReasoningChat.ReasoningChatSample.RunAsync(args, Console.Out);
