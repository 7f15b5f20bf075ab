using Grader.Tests.Support;
using Xunit.Abstractions;

namespace Grader.Tests.Lsp;

[CollectionDefinition(nameof(MemoryMeasurements), DisableParallelization = true)]
public sealed class MemoryMeasurements;

/// <summary>Memory stays flat while an answer is edited a thousand times: nothing per edit or per grade is kept.</summary>
[Trait("Category", "Slow")]
[Collection(nameof(MemoryMeasurements))]
public sealed class LanguageServerMemoryTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string Weak = TestGrader.ReadRepoFile("examples/video-recommendation/weak.md");
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Managed_memory_after_1000_edits_is_within_4_MB_of_what_it_was_after_100()
    {
        Directory.CreateDirectory(Path.Combine(_folder.Root, ".git"));
        var uri = new Uri(_folder.Write("weak.md", Weak)).AbsoluteUri;

        // No debounce: every edit starts a grade, and most are cancelled by the next edit, the path most likely to leak.
        await using var session = await LspSession.StartAsync(LspSession.Settings(TimeSpan.Zero));
        await session.OpenAsync(uri, Weak);
        await session.NextDiagnosticsAsync(uri);
        var version = 1;
        async Task Edit(int count)
        {
            for (var i = 0; i < count; i++)
            {
                version++;
                await session.ChangeAsync(uri, Weak + $"\nEdit {version}: the model is retrained every {version % 7 + 1} days.\n", version);
                if (i % 50 == 0)
                {
                    // Let some grades finish and publish, as a person typing would.
                    await session.NextDiagnosticsAsync(uri, p => p.Version == version);
                }
            }

            await session.NextDiagnosticsAsync(uri, p => p.Version == version);
            while (session.Diagnostics.TryRead(out _))
            {
            }
        }

        await Edit(100);
        var warm = Measure();
        await Edit(1000);
        var after = Measure();
        output.WriteLine($"managed memory after 100 edits: {warm / 1024.0 / 1024:0.00} MB; after 1,100: {after / 1024.0 / 1024:0.00} MB; growth {(after - warm) / 1024.0:0} KB");
        Assert.True(after - warm < 4 * 1024 * 1024, $"grew by {(after - warm) / 1024} KB over 1,000 edits");
    }

    private static long Measure()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
