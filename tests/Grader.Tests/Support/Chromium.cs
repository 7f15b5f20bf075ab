using System.Diagnostics;

namespace Grader.Tests.Support;

/// <summary>What a finished child process left behind.</summary>
internal sealed record ProcessResult(int ExitCode, string Stdout, string Stderr);

/// <summary>
/// Headless Chromium for tests that load generated pages. When it is missing, Debian's package is installed (as root,
/// with apt-get) at most once per process: every caller shares the one attempt, including its failure.
/// </summary>
internal static class Chromium
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    private static readonly Lazy<string> LazyExecutable = new(FindOrInstall, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly TimeSpan LoadTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The browser's path, installing it first if needed.</summary>
    public static string Executable => LazyExecutable.Value;

    /// <summary>How long this process spent installing Chromium; null if it was already there.</summary>
    public static TimeSpan? InstallTime { get; private set; }

    /// <summary>
    /// Opens a local page headless, with page console messages logged to stderr (lines containing <c>CONSOLE</c>),
    /// and a fresh profile that is deleted afterwards. <paramref name="action"/> is e.g. <c>--dump-dom</c>.
    /// </summary>
    public static ProcessResult Load(string page, params string[] action)
    {
        var profile = Directory.CreateTempSubdirectory("grader-chromium-");
        try
        {
            string[] args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                $"--user-data-dir={profile.FullName}", "--enable-logging=stderr", "--v=0",
                .. action,
                new Uri(Path.GetFullPath(page)).AbsoluteUri,
            ];
            return Run(Executable, args, LoadTimeout);
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    /// <summary>Runs a program to completion, killing it (and its children) if it outlives <paramref name="timeout"/>.</summary>
    public static ProcessResult Run(string fileName, IEnumerable<string> args, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish within {timeout}");
        }

        // A grandchild that outlives the process could hold the pipes open; do not wait for it for ever.
        if (!Task.WaitAll([stdout, stderr], TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException($"{fileName} exited but its output streams stayed open");
        }

        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string? Find() => Candidates.FirstOrDefault(File.Exists);

    private static string FindOrInstall()
    {
        if (Find() is { } found)
        {
            return found;
        }

        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess || !File.Exists("/usr/bin/apt-get"))
        {
            throw new InvalidOperationException(
                "Chromium is not installed and cannot be installed from here (needs root and apt-get); "
                + "install Debian's 'chromium' package and run the tests again.");
        }

        var clock = Stopwatch.StartNew();
        var env = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };

        // Another test run may be using apt at the same moment: wait for its lock rather than fail.
        string[] lockWait = ["-o", "DPkg::Lock::Timeout=600"];
        Apt([.. lockWait, "update"], TimeSpan.FromMinutes(10), env);
        Apt([.. lockWait, "install", "-y", "--no-install-recommends", "chromium"], TimeSpan.FromMinutes(30), env);
        InstallTime = clock.Elapsed;
        return Find() ?? throw new InvalidOperationException("apt-get installed 'chromium' but no browser executable was found");
    }

    private static void Apt(string[] args, TimeSpan timeout, Dictionary<string, string> env)
    {
        var result = Run("apt-get", args, timeout, env);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"apt-get {string.Join(' ', args)} failed with exit code {result.ExitCode}:\n{result.Stderr}\n{result.Stdout}");
        }
    }
}
