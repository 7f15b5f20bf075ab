using System.Security.Cryptography;
using System.Text;
using Microsoft.SemanticKernel;

namespace Grader.Core.Llm;

/// <summary>
/// The feedback prompt templates (Semantic Kernel syntax, <c>{{$name}}</c>): the built-in ones, or those in a
/// folder a study group edits without rebuilding. <see cref="Hash"/> keys the cache, so an edit re-asks the model.
/// </summary>
public sealed class PromptSet
{
    public const string SystemFile = "feedback.system.txt";
    public const string UserFile = "feedback.user.txt";

    // Raw content on the factory: values would otherwise be HTML-encoded ("<<<" becomes "&lt;&lt;&lt;"). The rendered
    // text is sent as one plain message, never re-parsed as Semantic Kernel chat markup, so encoding protects
    // nothing here; the answer's safety comes from the delimiters and the sanitizer.
    private static readonly KernelPromptTemplateFactory Factory = new() { AllowDangerouslySetContent = true };

    private PromptSet(string system, string user)
    {
        System = system;
        User = user;
        Hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(system + "\u0000" + user)), 0, 16);
    }

    public string System { get; }

    public string User { get; }

    public string Hash { get; }

    public static PromptSet BuiltIn() => new(Resource(SystemFile), Resource(UserFile));

    /// <summary>Templates from <paramref name="folder"/>; a file missing there falls back to the built-in one.</summary>
    public static PromptSet FromFolder(string folder)
    {
        string Read(string name) => File.Exists(Path.Combine(folder, name)) ? File.ReadAllText(Path.Combine(folder, name)) : Resource(name);
        return new(Read(SystemFile), Read(UserFile));
    }

    public static async Task<string> RenderAsync(string template, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(values);

        var config = new PromptTemplateConfig(template) { AllowDangerouslySetContent = true };
        var prompt = Factory.Create(config);
        var arguments = new KernelArguments();
        foreach (var (key, value) in values)
        {
            arguments[key] = value;
        }

        return await prompt.RenderAsync(new Kernel(), arguments, cancellationToken).ConfigureAwait(false);
    }

    private static string Resource(string name)
    {
        using var stream = typeof(PromptSet).Assembly.GetManifestResourceStream($"prompts/{name}")
            ?? throw new InvalidOperationException($"Built-in prompt {name} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
