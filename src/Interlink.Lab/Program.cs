using Interlink.Lab.Agent;

// The lab's own processes (started by the lab inside network namespaces): "nlb CONFIG" or "endpoint CONFIG".
return await LabAgent.RunAsync(args);
