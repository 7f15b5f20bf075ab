using System.Diagnostics;
using System.Text;
using Grader.Tests.Support;

namespace Grader.Tests.Native;

/// <summary>
/// Grader as users get it: packed by <c>scripts/pack</c> (the native linux-x64 package, built with Native AOT, and
/// the framework-dependent fallback), then installed with <c>dotnet tool install</c> into a temporary folder. Built
/// once per test run, on first use, by whichever Slow test needs it first.
/// </summary>
internal sealed class NativeTool
{
    private static readonly Lazy<NativeTool> Shared = new(() => new NativeTool());

    private NativeTool()
    {
        Root = Directory.CreateTempSubdirectory("grader-native-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // Left for the system's temporary-file clean-up.
            }
        };
        Packages = Path.Combine(Root, "nupkg");
        var timer = Stopwatch.StartNew();
        var pack = Run(TestGrader.RepoRoot, "bash", [Path.Combine(TestGrader.RepoRoot, "scripts", "pack"), Packages], TimeSpan.FromMinutes(30));
        PackTime = timer.Elapsed;
        PackLog = pack.Out + pack.Err;
        Assert.True(pack.Exit == 0, $"scripts/pack failed:\n{PackLog}");

        var tools = Path.Combine(Root, "tools");
        var install = Run(Root, "dotnet", ["tool", "install", "--tool-path", tools, "--add-source", Packages, "grader"], TimeSpan.FromMinutes(5));
        Assert.True(install.Exit == 0, $"dotnet tool install failed:\n{install.Out}{install.Err}");
        Command = Path.Combine(tools, "grader");
        Binary = new FileInfo(Command).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Command;
    }

    public static NativeTool Instance => Shared.Value;

    public string Root { get; }

    /// <summary>The folder scripts/pack wrote the packages to.</summary>
    public string Packages { get; }

    /// <summary>What the user runs: the command <c>dotnet tool install</c> put in the tool path.</summary>
    public string Command { get; }

    /// <summary>The file the command resolves to.</summary>
    public string Binary { get; }

    /// <summary>What scripts/pack printed, warnings included.</summary>
    public string PackLog { get; }

    public TimeSpan PackTime { get; }

    /// <summary>Runs the installed grader as a user would, without the test run's CI variable (as TestGrader.RunCli does).</summary>
    public (int Exit, byte[] Out, byte[] Err) Execute(string folder, params string[] args) => RunBytes(folder, Command, args, TimeSpan.FromMinutes(2));

    /// <summary>Like <see cref="Execute"/>, with <paramref name="stdin"/> as its standard input.</summary>
    public (int Exit, byte[] Out, byte[] Err) ExecuteWithInput(string folder, byte[] stdin, params string[] args) => RunBytes(folder, Command, args, TimeSpan.FromMinutes(2), stdin);

    /// <summary>Like <see cref="Execute"/>, with the output decoded as UTF-8.</summary>
    public (int Exit, string Out, string Err) ExecuteText(string folder, params string[] args)
    {
        var (exit, stdout, stderr) = Execute(folder, args);
        return (exit, Encoding.UTF8.GetString(stdout), Encoding.UTF8.GetString(stderr));
    }

    public static (int Exit, string Out, string Err) Run(string folder, string file, string[] args, TimeSpan timeout)
    {
        var (exit, stdout, stderr) = RunBytes(folder, file, args, timeout);
        return (exit, Encoding.UTF8.GetString(stdout), Encoding.UTF8.GetString(stderr));
    }

    private static (int Exit, byte[] Out, byte[] Err) RunBytes(string folder, string file, string[] args, TimeSpan timeout, byte[]? stdin = null)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        args.ToList().ForEach(start.ArgumentList.Add);
        start.Environment.Remove("CI");
        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            process.StandardInput.BaseStream.Write(stdin);
        }

        process.StandardInput.Close();
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        var copying = Task.WhenAll(process.StandardOutput.BaseStream.CopyToAsync(stdout), process.StandardError.BaseStream.CopyToAsync(stderr));
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', args)} did not finish within {timeout}");
        }

        copying.Wait(timeout);
        return (process.ExitCode, stdout.ToArray(), stderr.ToArray());
    }
}
