using System.Collections.Immutable;

namespace Grader.Core.Configuration;

/// <summary>
/// One config file a run looked at, for the provenance record: <paramref name="Role"/> is "explicit" (--config) or
/// "discovered"; <paramref name="Used"/> is false when CI mode ignored it; <paramref name="IgnoredKeys"/> are the
/// trusted-only keys it tried to set.
/// </summary>
public sealed record ConfigSource(string Path, string Sha256, string Role, bool Used, ImmutableArray<string> IgnoredKeys);
