using Interlink.Core.Diagnostics;
using Interlink.Core.Model;

namespace Interlink.Core.Loading;

/// <summary>What reading a config file produced: the model (when the file could be read at all) and what was wrong.</summary>
/// <param name="Config">The model; null when the file is not YAML or has no usable top-level mapping.</param>
/// <param name="Diagnostics">Problems found while reading; rules add theirs to the same bag.</param>
public sealed record LoadResult(InterlinkConfig? Config, DiagnosticBag Diagnostics);
