using Interlink.Cli;

return InterlinkApp.Run(args);
