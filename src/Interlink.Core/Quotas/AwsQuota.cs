namespace Interlink.Core.Quotas;

/// <summary>One AWS default quota, as AWS documents it.</summary>
/// <param name="Name">AWS's name for the quota, as on its quotas page and in Service Quotas.</param>
/// <param name="Code">Service Quotas code (<c>L-0EA8095F</c>); null when the quota is not in Service Quotas.</param>
/// <param name="ServiceCode">Service Quotas service code (<c>vpc</c>, <c>ec2</c>, <c>elasticloadbalancing</c>, <c>cloudformation</c>).</param>
/// <param name="Default">The default value.</param>
/// <param name="Adjustable">Whether an increase can be requested.</param>
/// <param name="Per">What one count is taken over: "security group", "route table", "VPC", "account and Region", "template", …</param>
/// <param name="Source">The AWS page that documents it.</param>
/// <param name="Note">What AWS says about how it is counted, when it matters for a design.</param>
/// <param name="Ceiling">The most an increase can give, where AWS documents one (e.g. 16 security groups per interface).</param>
public sealed record AwsQuota(string Name, string? Code, string ServiceCode, int Default, bool Adjustable, string Per, string Source, string? Note = null, int? Ceiling = null)
{
    /// <summary>"L-0EA8095F" or, without a code, the name: how messages name the quota.</summary>
    public string Label => Code is null ? $"'{Name}'" : $"{Code} ({Name})";
}
