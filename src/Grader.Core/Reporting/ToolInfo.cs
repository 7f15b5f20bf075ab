using System.Reflection;

namespace Grader.Core.Reporting;

public static class ToolInfo
{
    public const string Name = "grader";

    public static string Version { get; } =
        typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
