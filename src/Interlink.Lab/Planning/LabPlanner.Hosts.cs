using Interlink.Analysis.Network;

namespace Interlink.Lab;

public static partial class LabPlanner
{
    // Hosts: instances and the stand-ins the lab adds, the ports their service listens on, the groups they belong to.
    private sealed partial class Planner
    {
        private readonly List<LabHost> hosts = [];
        private readonly Dictionary<string, List<int>> servicePorts = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<string>> groupMembers = new(StringComparer.Ordinal);

        private void Hosts()
        {
            var counters = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var host in model.Hosts)
            {
                if (Routed(host.SubnetId) is not { } subnet)
                {
                    notes.Add($"host {host.Location}: its subnet is not built");
                    continue;
                }

                var ip = host.PrivateIp ?? Allocate(subnet);
                if (ip is null)
                    continue;
                if (host.PrivateIp is null)
                    notes.Add($"host {host.Location} has no fixed IP: the lab gives it {ip}");
                var stack = Short(host.Location.Stack);
                var n = counters[stack] = counters.GetValueOrDefault(stack) + 1;
                AddHost($"il-{stack}-h{n}", host.Id, ip, subnet, host.SecurityGroupIds);
            }
        }

        /// <summary>
        /// Adds a host namespace. <paramref name="groups"/> null means a stand-in the lab adds itself (a client for a
        /// consumer without one, a target without an instance): it represents "any address in the subnet", as plan
        /// checks such sources, so nothing filters it. An empty list is a real host with no group: it admits nothing.
        /// </summary>
        private LabHost AddHost(string name, string modelId, string ip, Subnet subnet, IReadOnlyList<string>? groups)
        {
            var ns = Namespace(name, LabNodeKind.Host, modelId);
            var gw = Attach(ns, "il-eth0", ip, subnet);
            ns.Ip.Add($"route add {gw} dev il-eth0");
            ns.Ip.Add($"route add default via {gw} dev il-eth0");
            ns.Groups = groups;
            var host = new LabHost(ns.Name, modelId, ip, subnet.Id, subnet.Az, model.Vpc(subnet.VpcId)!.Region, []);
            hosts.Add(host);
            foreach (var g in groups ?? [])
                Member(g, ip);
            return host;
        }

        private void Member(string group, string ip)
        {
            if (!groupMembers.TryGetValue(group, out var list))
                groupMembers[group] = list = [];
            list.Add(ip);
        }
    }
}
