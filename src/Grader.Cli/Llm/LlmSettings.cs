namespace Grader.Cli.Llm;

/// <summary>
/// Which model to ask and how. Flags win over .grader.yaml, which wins over environment variables. API keys come
/// only from the environment (OPENAI_API_KEY, AZURE_OPENAI_API_KEY or GRADER_LLM_API_KEY) and are never written out.
/// </summary>
internal sealed record LlmSettings(
    string Provider,
    Uri? Endpoint,
    string Model,
    TimeSpan Timeout,
    int Jobs,
    bool UseCache,
    string CacheFolder,
    bool Required,
    string? PromptsFolder)
{
    public static readonly string[] Providers = ["openai", "azure", "ollama"];

    public string? ApiKey => Provider switch
    {
        "azure" => Env("AZURE_OPENAI_API_KEY") ?? Env("GRADER_LLM_API_KEY"),
        "openai" => Env("OPENAI_API_KEY") ?? Env("GRADER_LLM_API_KEY"),
        _ => Env("GRADER_LLM_API_KEY"),
    };

    public static string DefaultCacheFolder()
    {
        var root = Env("XDG_CACHE_HOME") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "grader", "llm");
    }

    public static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
