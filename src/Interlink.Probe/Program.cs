using Interlink.Probe;

return await ProbeCli.RunAsync(args, Console.Out, Console.Error);
