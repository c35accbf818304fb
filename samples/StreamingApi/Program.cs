await using var app = await StreamingApi.StreamingApiApp.CreateAsync(args, Console.Out);
await app.Web.RunAsync();
