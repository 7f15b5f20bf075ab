using System.Text;
using Grader.Tests.Support;

namespace Grader.Tests.Cli;

public sealed class FixCommandTests : IDisposable
{
    private static readonly string Weak = TestGrader.ReadRepoFile("examples/video-recommendation/weak.md");
    private readonly TempFolder _folder = new();

    public FixCommandTests() => Directory.CreateDirectory(Path.Combine(_folder.Root, ".git"));

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Dry_run_prints_a_unified_diff_of_the_missing_steps_and_changes_nothing()
    {
        var file = _folder.Write("weak.md", Weak);
        var (exit, stdout, stderr) = TestGrader.RunCliIn(_folder.Root, "fix", "weak.md", "--dry-run");

        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        Assert.Equal(Weak, File.ReadAllText(file));
        var lines = stdout.Split('\n');
        Assert.Equal("--- a/weak.md", lines[0]);
        Assert.Equal("+++ b/weak.md", lines[1]);

        // Framing goes before "## Data" (line 12), monitoring after the last line; three lines of context each side.
        Assert.Equal("@@ -9,6 +9,16 @@", lines[2]);
        Assert.Equal(" ", lines[3]);
        Assert.Equal("+## Framing the problem as an ML task", lines[6]);
        Assert.Contains(" ## Data", lines);
        var second = Array.FindIndex(lines, l => l.StartsWith("@@ -47,3", StringComparison.Ordinal));
        Assert.Equal("@@ -47,3 +57,12 @@", lines[second]);
        Assert.Equal("+## Monitoring and maintenance", lines[second + 5]);
        Assert.All(lines.Skip(3).Where(l => l.Length > 0), l => Assert.Contains(l[0], " +-@"));

        // The diff applies: patch turns the file into what 'fix' writes.
        var patch = _folder.Write("fix.patch", stdout);
        var applied = Chromium.Run("patch", ["-p1", "-d", _folder.Root, "-i", patch], TimeSpan.FromSeconds(30));
        Assert.Equal(0, applied.ExitCode);
        var patched = File.ReadAllText(file);
        File.WriteAllText(file, Weak);
        Assert.Equal(0, TestGrader.RunCliIn(_folder.Root, "fix", "weak.md").Exit);
        Assert.Equal(File.ReadAllText(file), patched);
    }

    [Fact]
    public void Fix_writes_the_skeletons_says_what_it_did_and_a_second_run_has_nothing_to_do()
    {
        var file = _folder.Write("weak.md", Weak);
        var (exit, stdout, _) = TestGrader.RunCliIn(_folder.Root, "fix", "weak.md");
        Assert.Equal(0, exit);
        Assert.Equal("weak.md: Insert the missing 'Framing the problem as an ML task' step; Insert the missing 'Monitoring and maintenance' step\n", stdout);
        Assert.Contains("\n## Monitoring and maintenance\n", File.ReadAllText(file), StringComparison.Ordinal);
        Assert.StartsWith(Weak[..Weak.IndexOf("## Data", StringComparison.Ordinal)], File.ReadAllText(file), StringComparison.Ordinal);

        Assert.Equal((0, "weak.md: nothing to fix\n", ""), TestGrader.RunCliIn(_folder.Root, "fix", "weak.md"));
    }

    [Fact]
    public void Fix_keeps_a_byte_order_mark_and_refuses_invalid_UTF8()
    {
        var bom = Path.Combine(_folder.Root, "bom.md");
        File.WriteAllBytes(bom, [.. new byte[] { 0xEF, 0xBB, 0xBF }, .. Encoding.UTF8.GetBytes(Weak)]);
        Assert.Equal(0, TestGrader.RunCliIn(_folder.Root, "fix", "bom.md").Exit);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'-' }, File.ReadAllBytes(bom)[..4]);

        var invalid = Path.Combine(_folder.Root, "invalid.md");
        byte[] bytes = [.. Encoding.UTF8.GetBytes(Weak), 0xC3, 0x28, (byte)'\n'];
        File.WriteAllBytes(invalid, bytes);
        var (exit, _, stderr) = TestGrader.RunCliIn(_folder.Root, "fix", "invalid.md");
        Assert.Equal(2, exit);
        Assert.Equal("grader: error: invalid.md: is not valid UTF-8; Grader does not rewrite it (fix the encoding first)\n", stderr);
        Assert.Equal(bytes, File.ReadAllBytes(invalid));
    }

    [Fact]
    public void Fix_adds_front_matter_naming_the_detected_problem()
    {
        var bare = Weak[Weak.IndexOf("# Video", StringComparison.Ordinal)..];
        var file = _folder.Write("bare.md", bare);
        var (exit, stdout, _) = TestGrader.RunCliIn(_folder.Root, "fix", "bare.md", "--dry-run");
        Assert.Equal(0, exit);
        Assert.StartsWith("--- a/bare.md\n+++ b/bare.md\n@@ -1,9 +1,23 @@\n+---\n+problem: video-recommendation\n+---\n+\n # Video Recommendation System\n \n ## Requirements\n", stdout, StringComparison.Ordinal);
        Assert.Equal(bare, File.ReadAllText(file));
    }
}
