using Xunit.Abstractions;

namespace Grader.Tests.Native;

/// <summary>The Neovim session again, with the native binary as Neovim's language server.</summary>
[Trait("Category", "Slow")]
public sealed class NativeNeovimTests(ITestOutputHelper output) : Lsp.NeovimTests(output)
{
    protected override string[] Server => [NativeTool.Instance.Command, "lsp"];
}
