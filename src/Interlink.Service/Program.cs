using Interlink.Service;

return await ServiceApp.RunAsync(args);
