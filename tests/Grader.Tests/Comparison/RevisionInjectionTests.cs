using System.Diagnostics;
using System.Text.Json;
using Grader.Tests.Support;

namespace Grader.Tests.Comparison;

/// <summary>
/// compare and history as a submitter would attack them: revisions that look like git options, files that never
/// end or block, oversized blobs, and commit subjects and paths made of the bytes a line-based parser splits on.
/// </summary>
public sealed class RevisionInjectionTests : IDisposable
{
    private readonly GitRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    private static string Version(int n) => $"---\nproblem: video-recommendation\n---\n## Requirements\n\nWe serve {n * 1000} users a day.\n";

    private string TwoCommits(string relative)
    {
        var path = _repo.Write(relative, Version(1));
        _repo.Commit("first");
        _repo.Write(relative, Version(2));
        _repo.Commit("second");
        return path;
    }

    [Fact]
    public void A_revision_spelled_as_a_git_option_is_refused_and_git_writes_no_file()
    {
        var answer = TwoCommits("a.md");

        // git show "--output=FILE:a.md" writes its output to FILE:a.md; after -- grader takes it as OLD.
        var written = Path.Combine(_repo.Root, "written");
        var (exit, output, error) = TestGrader.RunCli("compare", "--", $"--output={written}:{answer}", $"HEAD:{answer}");
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains($"'--output={written}' is not a revision (a revision cannot start with '-')", error, StringComparison.Ordinal);

        // An unknown option token is taken as a value of --git: it must still not reach git as an option.
        var (gitExit, _, gitError) = TestGrader.RunCli("compare", "--git", "-p", "HEAD", answer);
        Assert.Equal(2, gitExit);
        Assert.Contains($"-p:{answer}: '-p' is not a revision (a revision cannot start with '-')", gitError, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_repo.Root, "written*"));
    }

    [Theory]
    [InlineData("HEAD~5")]
    [InlineData("nosuchrev")]
    [InlineData("HEAD^{tree}")]
    [InlineData("HEAD:a.md")]
    public void A_revision_that_names_no_commit_is_a_located_error(string revision)
    {
        var answer = TwoCommits("a.md");
        var (exit, _, error) = TestGrader.RunCli("compare", "--git", revision, "HEAD", answer);
        Assert.Equal(2, exit);
        Assert.Contains($"grader: error: {revision}:{answer}: '{revision}' is not a commit in this repository", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_missing_at_a_revision_is_a_located_error()
    {
        var answer = TwoCommits("a.md");
        var (exit, _, error) = TestGrader.RunCli("compare", $"HEAD~1:{Path.Combine(_repo.Root, "b.md")}", $"HEAD:{answer}");
        Assert.Equal(2, exit);
        Assert.Contains("git cannot show b.md at HEAD~1", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_refuses_a_device_and_an_oversized_file_without_reading_them_whole()
    {
        var answer = TwoCommits("a.md");
        var big = Path.Combine(_repo.Root, "big.md");
        using (var stream = File.Create(big))
        {
            stream.SetLength(40L * 1024 * 1024);
        }

        var watch = Stopwatch.StartNew();
        var (zeroExit, _, zeroError) = TestGrader.RunCli("compare", "/dev/zero", answer);
        Assert.Equal(2, zeroExit);
        Assert.Contains("/dev/zero: is 10.1 MB, over the 10 MB limit", zeroError, StringComparison.Ordinal);

        var (bigExit, _, bigError) = TestGrader.RunCli("compare", answer, big);
        Assert.Equal(2, bigExit);
        Assert.Contains("big.md: is 40 MB, over the 10 MB limit for one answer (raise it with --max-size MB)", bigError, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Compare_gives_up_on_a_fifo_that_nobody_writes()
    {
        var answer = TwoCommits("a.md");
        var fifo = Path.Combine(_repo.Root, "pipe.md");
        using (var mkfifo = Process.Start("mkfifo", fifo))
        {
            mkfifo.WaitForExit();
        }

        try
        {
            var (exit, output, error) = ReadTimeout.Shortened(TimeSpan.FromSeconds(1), () => TestGrader.RunCli("compare", fifo, answer));
            Assert.Equal(2, exit);
            Assert.Equal("", output);
            Assert.Contains("pipe.md: could not be read within 1 s", error, StringComparison.Ordinal);
        }
        finally
        {
            // Opening the write end lets the reader thread still blocked in open() finish.
            using var writer = new FileStream(fifo, FileMode.Open, FileAccess.Write);
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void An_oversized_blob_in_history_is_an_error_for_that_commit_and_the_others_are_still_graded()
    {
        var answer = TwoCommits("a.md");
        _repo.Write("a.md", Version(3) + new string('x', 40 * 1024 * 1024));
        _repo.Commit("forty megabytes");
        _repo.Write("a.md", Version(4));
        _repo.Commit("back to normal");

        var (exit, output, error) = TestGrader.RunCli("history", answer, "--format", "json");
        Assert.Equal(2, exit);
        Assert.Contains(":a.md: is 40 MB, over the 10 MB limit", error, StringComparison.Ordinal);
        var subjects = JsonDocument.Parse(output).RootElement.GetProperty("commits").EnumerateArray().Select(c => c.GetProperty("subject").GetString());
        Assert.Equal(["first", "second", "back to normal"], subjects);

        var (compareExit, _, compareError) = TestGrader.RunCli("compare", "--git", "HEAD~1", "HEAD", answer);
        Assert.Equal(2, compareExit);
        Assert.Contains($"HEAD~1:{answer}: is 40 MB", compareError, StringComparison.Ordinal);

        // The documented way out works for blobs too.
        Assert.Equal(0, TestGrader.RunCli("compare", "--git", "HEAD~1", "HEAD", answer, "--max-size", "50").Exit);
    }

    [Fact]
    public void A_binary_blob_is_refused_like_a_binary_file()
    {
        var answer = TwoCommits("a.md");
        _repo.Write("a.md", "PNG\0\0\0 not text");
        _repo.Commit("an image");
        var (exit, _, error) = TestGrader.RunCli("compare", "--git", "HEAD~1", "HEAD", answer);
        Assert.Equal(2, exit);
        Assert.Contains("looks like a binary file", error, StringComparison.Ordinal);
    }

    [Fact]
    public void History_keeps_every_commit_whatever_its_subject_holds()
    {
        var answer = _repo.Write("a.md", Version(1));
        string[] messages = ["record \x1e separator", "unit \x1f separator", "escape \x1b[31m red", "two lines\nof subject\n\nand a body \x1e\x1f", "tab\tand ünïcödé ✓"];
        for (var i = 0; i < messages.Length; i++)
        {
            _repo.Write("a.md", Version(i + 2));
            _repo.Commit(messages[i]);
        }

        var (exit, output, error) = TestGrader.RunCli("history", answer, "--format", "json");
        Assert.True(exit == 0, error);
        var commits = JsonDocument.Parse(output).RootElement.GetProperty("commits").EnumerateArray().ToList();

        // git's subject is the first paragraph with its lines joined by spaces.
        Assert.Equal(["record \x1e separator", "unit \x1f separator", "escape \x1b[31m red", "two lines of subject", "tab\tand ünïcödé ✓"], commits.Select(c => c.GetProperty("subject").GetString()));
        Assert.All(commits, c => Assert.Matches("^[0-9a-f]{7,}$", c.GetProperty("commit").GetString()!));
        Assert.All(commits, c => Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", c.GetProperty("date").GetString()!));
    }

    [Fact]
    public void History_follows_an_answer_through_non_ascii_space_and_newline_paths()
    {
        var accented = _repo.Write("answers/ané x.md", Version(1));
        _repo.Commit("accented path");
        _repo.Write("answers/ané x.md", Version(2));
        _repo.Commit("edit accented");
        _repo.Git("mv", "answers/ané x.md", "answers/new\nline.md");
        _repo.Commit("rename to a newline path");
        var newline = _repo.Write("answers/new\nline.md", Version(3));
        _repo.Commit("edit newline path");

        var (exit, output, error) = TestGrader.RunCli("history", newline, "--format", "json");
        Assert.True(exit == 0, error);
        Assert.Equal("", error);
        var commits = JsonDocument.Parse(output).RootElement.GetProperty("commits").EnumerateArray().ToList();
        Assert.Equal(["accented path", "edit accented", "rename to a newline path", "edit newline path"], commits.Select(c => c.GetProperty("subject").GetString()));
        Assert.All(commits, c => Assert.Equal("video-recommendation", c.GetProperty("problem").GetString()));

        // The accented path at an older commit, read through compare.
        _repo.Git("checkout", "-q", "HEAD~2");
        var (compareExit, _, compareError) = TestGrader.RunCli("compare", "--git", "HEAD~1", "HEAD", accented, "--format", "json");
        Assert.True(compareExit == 0, compareError);
    }

    [Theory]
    [InlineData("-p.md")]
    [InlineData(":(glob)*.md")]
    [InlineData("--output=x.md")]
    public void History_and_compare_take_a_path_literally_never_as_an_option_or_pathspec_magic(string name)
    {
        // Another answer with more commits, which a glob or an option-like name must not pull in.
        TwoCommits("other.md");
        // Content unlike other.md's, so git's rename detection has nothing to follow either.
        var answer = _repo.Write(name, TestGrader.ReadRepoFile("examples/video-recommendation/strong.md"));
        _repo.Commit("the odd name");

        var (exit, output, error) = TestGrader.RunCli("history", answer, "--format", "json");
        Assert.True(exit == 0, error);
        var commits = JsonDocument.Parse(output).RootElement.GetProperty("commits").EnumerateArray();
        Assert.Equal(["the odd name"], commits.Select(c => c.GetProperty("subject").GetString()));

        var (compareExit, _, compareError) = TestGrader.RunCli("compare", "--git", "HEAD", "HEAD", answer);
        Assert.True(compareExit == 0, compareError);
        // Nothing written beside them (git show --output=x.md would have).
        Assert.Equal(new HashSet<string?>([".git", name, "other.md"]), Directory.EnumerateFileSystemEntries(_repo.Root).Select(Path.GetFileName).ToHashSet());
    }

    [Fact]
    public void History_notes_a_deletion_and_grades_the_revisions_around_it()
    {
        var answer = TwoCommits("a.md");
        File.Delete(answer);
        _repo.Commit("remove");
        _repo.Write("a.md", Version(5));
        _repo.Commit("restore");

        var (exit, output, error) = TestGrader.RunCli("history", answer, "--format", "json");
        Assert.True(exit == 0, error);
        Assert.Matches(@"grader: note: [0-9a-f]+ deleted a\.md", error);
        var subjects = JsonDocument.Parse(output).RootElement.GetProperty("commits").EnumerateArray().Select(c => c.GetProperty("subject").GetString());
        Assert.Equal(["first", "second", "restore"], subjects);
    }
}
