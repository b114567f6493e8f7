// The jsii runtime (one Node.js child per process) is not safe for parallel use: every test runs in one
// collection, one at a time, sharing the assemblies synthesized once per run.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
