using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Grader.Tests.Support;

namespace Grader.Tests.Native;

/// <summary>
/// <c>check --watch</c> in the native binary: the file watcher sees a save, the report is redrawn with the score change,
/// and Ctrl+C (SIGINT) ends it with 0.
/// </summary>
[Trait("Category", "Slow")]
public sealed class NativeWatchTests : IDisposable
{
    private static readonly string Weak = TestGrader.ReadRepoFile("examples/video-recommendation/weak.md");
    private readonly TempFolder _folder = new();

    public NativeWatchTests() => Directory.CreateDirectory(Path.Combine(_folder.Root, ".git"));

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Saving_an_answer_redraws_its_report_and_SIGINT_stops_the_watch_with_0()
    {
        var file = _folder.Write("weak.md", Weak);
        var start = new ProcessStartInfo(NativeTool.Instance.Command, ["check", "--watch", "weak.md"])
        {
            WorkingDirectory = _folder.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove("CI");
        using var watch = Process.Start(start)!;
        var output = new StringBuilder();
        string Text()
        {
            lock (output)
            {
                return output.ToString();
            }
        }

        watch.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.Append(e.Data).Append('\n');
            }
        };
        watch.BeginOutputReadLine();
        var stderr = watch.StandardError.ReadToEndAsync();
        try
        {
            var score = TestGrader.Engine.Grade(file, Weak).Score.Total.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
            await TestWait.Until(() => Text().Contains("for changes", StringComparison.Ordinal), 60);
            var first = Text();
            Assert.Contains($"weak.md: {score}\nwatching 1 answer for changes; Ctrl+C stops\n", first, StringComparison.Ordinal);

            File.AppendAllText(file, "\n## Monitoring\n\nWe track the click-through rate per hour and alert when it falls 5 % below last week's; the model is retrained weekly and compared with the current one before it ships.\n");
            await TestWait.Until(() => Text().Length > first.Length && Text().EndsWith("Ctrl+C stops\n", StringComparison.Ordinal), 60);
            var second = Text()[first.Length..];
            Assert.DoesNotContain("'Monitoring and maintenance' step", second, StringComparison.Ordinal);
            Assert.Matches($@"weak\.md: {Regex.Escape(score)} -> (\d+\.\d) \(\+\d+\.\d since the previous save\)\n", second);

            using (var interrupt = Process.Start("kill", ["-INT", watch.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await interrupt.WaitForExitAsync();
            }

            await watch.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(watch.ExitCode == 0, $"exit {watch.ExitCode}: {await stderr}");
        }
        finally
        {
            if (!watch.HasExited)
            {
                watch.Kill(entireProcessTree: true);
            }
        }
    }
}
