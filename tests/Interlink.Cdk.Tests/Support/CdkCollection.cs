namespace Interlink.Cdk.Tests.Support;

/// <summary>The one collection every test joins: examples synthesized once, the CloudFormation spec read once.</summary>
[CollectionDefinition(Name)]
public sealed class CdkCollection : ICollectionFixture<ExampleAssemblies>, ICollectionFixture<CloudFormationSpec>
{
    public const string Name = "cdk";
}
