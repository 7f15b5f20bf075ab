using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Grader.Tests.Support;

namespace Grader.Tests.Hostile;

/// <summary>
/// Every hostile or broken input gets a clear error or a normal grade: never a stack trace, never a hang. Large
/// inputs are generated here, at test time. A run over 60 s would count as a hang.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class HostileInputTests : IDisposable
{
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(60);
    private readonly TempFolder _tree = new();

    public void Dispose() => _tree.Dispose();

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_tree.Root, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static (int Exit, string Out, string Err) Check(params string[] args)
    {
        var timer = Stopwatch.StartNew();
        var run = TestGrader.RunCli(["check", .. args]);
        Assert.True(timer.Elapsed < Hang, $"took {timer.Elapsed}");
        Assert.DoesNotContain("   at ", run.Err, StringComparison.Ordinal); // no stack trace
        Assert.DoesNotContain("Unhandled", run.Err, StringComparison.Ordinal);
        return run;
    }

    private static JsonElement Document(string output) => JsonDocument.Parse(output).RootElement.GetProperty("documents")[0];

    private static IEnumerable<string> Ids(JsonElement document) => document.GetProperty("diagnostics").EnumerateArray().Select(d => d.GetProperty("id").GetString()!);

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n\t  \n")]
    public void Empty_and_blank_files_get_a_normal_grade_of_zero(string text)
    {
        var (exit, output, _) = Check(Write("a.md", Encoding.UTF8.GetBytes(text)), "--format", "json");
        Assert.Equal(0, exit);
        Assert.Equal(0, Document(output).GetProperty("score").GetProperty("total").GetDouble());
    }

    [Fact]
    public void A_png_renamed_md_is_refused_as_binary()
    {
        var (exit, _, error) = Check(Write("image.md", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, .. new byte[4000]]));
        Assert.Equal(2, exit);
        Assert.Contains("image.md: looks like a binary file", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_graded_with_a_warning_at_the_first_bad_line()
    {
        var (exit, output, _) = Check(Write("bad.md", [.. "## Requirements\n\nWe serve many users.\n\nThen "u8, 0xC3, 0x28, .. " and more.\n"u8]), "--format", "json");
        Assert.Equal(0, exit);
        var warning = Document(output).GetProperty("diagnostics").EnumerateArray().Single(d => d.GetProperty("id").GetString() == "MLSD0009");
        Assert.Equal(5, warning.GetProperty("line").GetInt32());
    }

    [Fact]
    public void Utf16_with_a_byte_order_mark_grades_like_utf8()
    {
        var text = TestGrader.ReadRepoFile("examples/news-feed/strong.md");
        var utf8 = Document(Check(Write("u8.md", Encoding.UTF8.GetBytes(text)), "--format", "json").Out);
        var utf16 = Document(Check(Write("u16.md", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]), "--format", "json").Out);
        Assert.Equal(utf8.GetProperty("score").GetRawText(), utf16.GetProperty("score").GetRawText());
    }

    [Fact]
    public void A_50_mb_answer_is_refused_by_the_configurable_size_limit()
    {
        var path = Path.Combine(_tree.Root, "big.md");
        using (var file = File.Create(path))
        {
            var line = "We serve ten million users and measure recall at k on held out data.\n\n"u8.ToArray();
            for (long written = 0; written < 50L * 1024 * 1024; written += line.Length)
            {
                file.Write(line);
            }
        }

        var (exit, _, error) = Check(path);
        Assert.Equal(2, exit);
        Assert.Contains("over the 10 MB limit", error, StringComparison.Ordinal);
        var small = Write("two-mb.md", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("Some words about a model.\n\n", 80_000))));
        Assert.Equal(2, Check(small, "--max-size", "1").Exit);
        Assert.Equal(0, Check(small).Exit);
    }

    [Theory]
    [InlineData(">", 100_000)]
    [InlineData("- ", 100_000)]
    [InlineData("1. ", 100_000)]
    public void Hundred_thousand_nesting_levels_are_flattened_and_graded(string marker, int levels)
    {
        var text = string.Concat(Enumerable.Repeat(marker, levels)) + " deep text about the model and its training data\n";
        var (exit, output, _) = Check(Write("deep.md", Encoding.UTF8.GetBytes("## Model\n\n" + text)), "--format", "json");
        Assert.Equal(0, exit);
        Assert.Contains("MLSD0009", Ids(Document(output)));
    }

    [Fact]
    public void Deeply_indented_lists_are_flattened_and_graded()
    {
        var text = string.Concat(Enumerable.Range(0, 3000).Select(i => new string(' ', i * 2) + "- item about the model\n"));
        var (exit, output, _) = Check(Write("lists.md", Encoding.UTF8.GetBytes(text)), "--format", "json");
        Assert.Equal(0, exit);
        Assert.Contains("MLSD0009", Ids(Document(output)));
    }

    [Theory]
    [InlineData("one-mb-line")]
    [InlineData("ten-thousand-headings")]
    [InlineData("thousands-of-comments")]
    public void Very_large_shapes_grade_normally(string shape) => GradesNormally(shape);

    // A million lines take seconds to grade, near the default answer budget on a busy machine: what is tested is that
    // the work is bounded and the answer graded, so it gets a budget no shared CI machine misses (the budget itself has
    // tests of its own).
    [Fact]
    [Trait("Category", "Slow")]
    public void A_million_lines_grade_normally() => GradesNormally("million-lines", "--answer-timeout", "120");

    private void GradesNormally(string shape, params string[] options)
    {
        var text = shape switch
        {
            "million-lines" => string.Concat(Enumerable.Repeat("a\n", 1_000_000)),
            "one-mb-line" => string.Concat(Enumerable.Repeat("word ", 200_000)),
            "ten-thousand-headings" => string.Concat(Enumerable.Range(0, 10_000).Select(i => $"## Heading {i}\n\nSome text about the model and data.\n\n")),
            _ => string.Concat(Enumerable.Range(0, 5_000).Select(i => $"<!-- grader-disable MLSD0201 -- reason {i} -->\ntext {i}\n<!-- just a comment -->\n")),
        };
        var (exit, output, _) = Check([Write($"{shape}.md", Encoding.UTF8.GetBytes(text)), "--format", "json", .. options]);
        Assert.Equal(0, exit);
        Assert.InRange(Document(output).GetProperty("score").GetProperty("total").GetDouble(), 0, 100);
    }

    [Theory]
    [InlineData("---\n: : : [\n---\n# Title\n", "MLSD0001")]
    [InlineData("---\njust a string\n---\n# Title\n", "MLSD0001")]
    public void Front_matter_that_is_not_a_yaml_mapping_is_a_located_warning(string text, string id)
    {
        var (exit, output, _) = Check(Write("fm.md", Encoding.UTF8.GetBytes(text)), "--format", "json");
        Assert.Equal(0, exit);
        Assert.Contains(id, Ids(Document(output)));
    }

    [Fact]
    public void A_yaml_alias_bomb_in_front_matter_is_never_expanded()
    {
        var bomb = new StringBuilder("---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var i = 0; i < 12; i++)
        {
            var (name, previous) = ((char)('b' + i), (char)('a' + i));
            bomb.Append(name).Append(": &").Append(name).Append(" [").Append(string.Join(',', Enumerable.Repeat($"*{previous}", 9))).Append("]\n");
        }

        bomb.Append("problem: news-feed\n---\n## Requirements\n\nWe serve users.\n");
        var (exit, output, _) = Check(Write("bomb.md", Encoding.UTF8.GetBytes(bomb.ToString())), "--format", "json");
        Assert.Equal(0, exit);
        Assert.Equal("news-feed", Document(output).GetProperty("problem").GetProperty("id").GetString());
    }

    [Fact]
    public void A_folder_a_broken_link_a_fifo_and_a_missing_file_get_their_own_errors()
    {
        var empty = Path.Combine(_tree.Root, "empty-folder.md");
        Directory.CreateDirectory(empty);
        var link = Path.Combine(_tree.Root, "broken.md");
        File.CreateSymbolicLink(link, Path.Combine(_tree.Root, "nowhere", "x.md"));
        var fifo = Path.Combine(_tree.Root, "pipe.md");
        using (var mkfifo = Process.Start("mkfifo", fifo))
        {
            mkfifo.WaitForExit();
        }

        var good = Write("good.md", Encoding.UTF8.GetBytes(TestGrader.ReadRepoFile("examples/news-feed/strong.md")));
        var (exit, output, error) = ReadTimeout.Shortened(TimeSpan.FromSeconds(1),
            () => Check(empty, link, fifo, Path.Combine(_tree.Root, "missing.md"), good, "--format", "json"));
        Assert.Equal(2, exit);
        Assert.Contains("folder holds no Markdown", error, StringComparison.Ordinal);
        Assert.Contains("broken symbolic link", error, StringComparison.Ordinal);
        Assert.Contains("pipe.md: could not be read within 1 s", error, StringComparison.Ordinal);
        Assert.Contains("missing.md: file not found", error, StringComparison.Ordinal);
        Assert.Equal(1, JsonDocument.Parse(output).RootElement.GetProperty("documents").GetArrayLength());
    }

    [Fact]
    public void An_unreadable_file_is_refused_unless_the_grader_runs_as_root()
    {
        var path = Write("locked.md", Encoding.UTF8.GetBytes("## Requirements\n\nWe serve users.\n"));
        File.SetUnixFileMode(path, UnixFileMode.None);
        var canRead = true;
        try
        {
            using var probe = File.OpenRead(path);
        }
        catch (UnauthorizedAccessException)
        {
            canRead = false;
        }

        var (exit, _, error) = Check(path);
        if (canRead)
        {
            Assert.Equal(0, exit); // root reads regardless of permissions, as the operating system allows
        }
        else
        {
            Assert.Equal(2, exit);
            Assert.Contains("permission denied", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_folder_with_symlink_loops_is_walked_once()
    {
        var answer = Write("tree/sub/a.md", Encoding.UTF8.GetBytes("## Requirements\n\nWe serve users.\n"));
        File.CreateSymbolicLink(Path.Combine(_tree.Root, "tree", "sub", "back"), Path.Combine(_tree.Root, "tree"));
        File.CreateSymbolicLink(Path.Combine(_tree.Root, "tree", "self"), Path.Combine(_tree.Root, "tree"));
        var (exit, output, _) = Check(Path.Combine(_tree.Root, "tree"), "--format", "json");
        Assert.Equal(0, exit);
        var documents = JsonDocument.Parse(output).RootElement.GetProperty("documents");
        Assert.Equal(answer.Replace('\\', '/'), Assert.Single(documents.EnumerateArray()).GetProperty("path").GetString());
    }
}
