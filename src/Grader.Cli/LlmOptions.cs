using System.CommandLine;
using Grader.Cli.Llm;

namespace Grader.Cli;

/// <summary>The --llm* options of <c>grader check</c>, with their environment-variable fallbacks.</summary>
internal sealed class LlmOptions
{
    private readonly Option<bool> _enabled = new("--llm") { Description = "Also ask a chat model for advisory feedback (never changes the score)" };
    private readonly Option<string?> _provider = new("--llm-provider") { Description = "openai (default; any OpenAI-compatible server), azure or ollama [GRADER_LLM_PROVIDER]" };
    private readonly Option<Uri?> _endpoint = new("--llm-endpoint")
    {
        Description = "Base URL, e.g. http://127.0.0.1:8000/v1 or https://RESOURCE.openai.azure.com [GRADER_LLM_ENDPOINT]",
        CustomParser = AbsoluteUri,
    };
    private readonly Option<string?> _model = new("--llm-model") { Description = "Model or deployment name [GRADER_LLM_MODEL]" };
    private readonly Option<int> _timeout = new("--llm-timeout") { Description = "Seconds to wait for one reply", DefaultValueFactory = _ => 60 };
    private readonly Option<int> _jobs = new("--llm-jobs") { Description = "Model calls at once", DefaultValueFactory = _ => 2 };
    private readonly Option<bool> _noCache = new("--no-cache") { Description = "Ask the model even when the cache has an answer" };
    private readonly Option<string?> _cache = new("--llm-cache") { Description = "Cache folder (default ~/.cache/grader/llm) [GRADER_LLM_CACHE]" };
    private readonly Option<bool> _required = new("--llm-required") { Description = "A failed model call fails the run (exit 1)" };
    private readonly Option<string?> _prompts = new("--llm-prompts") { Description = "Folder with feedback.system.txt / feedback.user.txt to use instead of the built-in prompts" };

    public static LlmOptions Create() => new();

    public static Uri? AbsoluteUri(System.CommandLine.Parsing.ArgumentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = result.Tokens.Single().Value;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return uri;
        }

        result.AddError($"'{text}' is not an absolute http(s) URL");
        return null;
    }

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _enabled, _provider, _endpoint, _model, _timeout, _jobs, _noCache, _cache, _required, _prompts })
        {
            command.Add(option);
        }

        _provider.AcceptOnlyFromAmong(LlmSettings.Providers);
    }

    /// <summary>
    /// Null unless --llm (or --llm-required) was given or the configuration enables it. Flags win over the
    /// configuration, which wins over environment variables.
    /// </summary>
    public LlmSettings? Read(ParseResult parse, Core.Configuration.LlmConfig? config)
    {
        if (!parse.GetValue(_enabled) && !parse.GetValue(_required) && config is not { Enabled: true })
        {
            return null;
        }

        var provider = parse.GetValue(_provider) ?? config?.Provider ?? LlmSettings.Env("GRADER_LLM_PROVIDER") ?? "openai";
        var endpointText = config?.Endpoint ?? LlmSettings.Env("GRADER_LLM_ENDPOINT");
        var endpoint = parse.GetValue(_endpoint)
            ?? (endpointText is not null && Uri.TryCreate(endpointText, UriKind.Absolute, out var fromText) ? fromText : null);
        var model = parse.GetValue(_model) ?? config?.Model ?? LlmSettings.Env("GRADER_LLM_MODEL") ?? (provider == "ollama" ? "llama3.1" : "gpt-4o-mini");
        var timeout = parse.GetResult(_timeout) is { Implicit: false } ? parse.GetValue(_timeout) : config?.TimeoutSeconds ?? parse.GetValue(_timeout);
        return new LlmSettings(
            provider,
            endpoint,
            model,
            TimeSpan.FromSeconds(Math.Max(1, timeout)),
            parse.GetValue(_jobs),
            !parse.GetValue(_noCache),
            parse.GetValue(_cache) ?? LlmSettings.Env("GRADER_LLM_CACHE") ?? LlmSettings.DefaultCacheFolder(),
            parse.GetValue(_required),
            parse.GetValue(_prompts));
    }
}
