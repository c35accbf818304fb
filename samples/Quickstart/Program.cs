using Quickstart;
foreach (var m in Bedrock.Models.All) Console.WriteLine($"{m.Ref} {m.Name} {m.Cost} default={Bedrock.Models.Default.Ref}");
