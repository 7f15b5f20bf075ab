using System.Text;
using Grader.Cli;
using Grader.Core.Configuration;
using Grader.Tests.Support;

namespace Grader.Tests.Cli;

public sealed class WatchModeTests : IDisposable
{
    private static readonly string Weak = TestGrader.ReadRepoFile("examples/video-recommendation/weak.md");
    private readonly TempFolder _folder = new();

    public WatchModeTests() => Directory.CreateDirectory(Path.Combine(_folder.Root, ".git"));

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Saving_an_answer_redraws_its_report_with_the_score_change()
    {
        var file = _folder.Write("weak.md", Weak);
        var output = new LockedWriter();
        using var stop = new CancellationTokenSource();
        var options = new CheckWatch.Options([file], null, [], new TrustSettings(false, ConfigPolicy.Local), 1, 10 << 20, TimeSpan.FromSeconds(30));
        var watch = Task.Run(() => CheckWatch.Run(options, output, TextWriter.Null, stop.Token));
        try
        {
            var score = TestGrader.Engine.Grade(file, Weak).Score.Total.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
            await TestWait.Until(() => output.Text.Contains("for changes", StringComparison.Ordinal), 60);
            var first = output.Text;
            Assert.Contains($"{file}: {score}\nwatching 1 answer for changes; Ctrl+C stops\n", first, StringComparison.Ordinal);
            Assert.DoesNotContain("\x1b", first, StringComparison.Ordinal);

            // A save that changes nothing redraws nothing.
            File.WriteAllText(file, Weak);
            await Task.Delay(1000);
            Assert.Equal(first, output.Text);

            File.AppendAllText(file, "\n## Monitoring\n\nWe track the click-through rate per hour and alert when it falls 5 % below last week's; the model is retrained weekly and compared with the current one before it ships.\n");
            await TestWait.Until(() => output.Text.Length > first.Length && output.Text.EndsWith("Ctrl+C stops\n", StringComparison.Ordinal), 60);
            var second = output.Text[first.Length..];
            Assert.Contains("MLSD0101: The answer has no 'Framing the problem as an ML task' step", second, StringComparison.Ordinal);
            Assert.DoesNotContain("'Monitoring and maintenance' step", second, StringComparison.Ordinal);
            Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(file)}: {System.Text.RegularExpressions.Regex.Escape(score)} -> (\d+\.\d) \(\+\d+\.\d since the previous save\)\n", second);
        }
        finally
        {
            stop.Cancel();
        }

        Assert.Equal(0, await watch.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Watch_refuses_report_files()
    {
        var (exit, _, stderr) = TestGrader.RunCli("check", "--watch", "examples/video-recommendation/weak.md", "--format", "json", "--output", "x.json");
        Assert.Equal(2, exit);
        Assert.Equal("grader: error: --watch shows the console report only; drop --format, --output, --summary-csv and --baseline\n", stderr);
    }

    /// <summary>A writer the watch loop writes to on its thread while the test reads it on its own.</summary>
    private sealed class LockedWriter : TextWriter
    {
        private readonly StringBuilder _text = new();

        public override Encoding Encoding => Encoding.UTF8;

        public string Text
        {
            get
            {
                lock (_text)
                {
                    return _text.ToString();
                }
            }
        }

        public override void Write(char value)
        {
            lock (_text)
            {
                _text.Append(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_text)
            {
                _text.Append(value);
            }
        }
    }
}
