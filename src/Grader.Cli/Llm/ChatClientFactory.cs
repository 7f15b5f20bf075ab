using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OllamaSharp;
using OpenAI;

namespace Grader.Cli.Llm;

/// <summary>
/// The composition root for model providers: everything beyond it sees only <see cref="IChatClient"/>.
/// OpenAI and any OpenAI-compatible server (vLLM, llama.cpp, LM Studio) by base URL; Azure OpenAI through its
/// OpenAI-compatible v1 endpoint with an api-key header; Ollama through OllamaSharp.
/// </summary>
internal static class ChatClientFactory
{
    public const int MaxRetries = 3;

    public static IChatClient Create(LlmSettings settings, TimeSpan? retryBaseDelay = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var http = new HttpClient(new RetryHandler(MaxRetries, retryBaseDelay ?? TimeSpan.FromSeconds(1)))
        {
            // The feedback service enforces the per-call timeout; this only stops a connection hanging forever.
            Timeout = settings.Timeout + TimeSpan.FromSeconds(30),
        };
        switch (settings.Provider)
        {
            case "ollama":
                http.BaseAddress = settings.Endpoint ?? new Uri("http://localhost:11434");
                return new OllamaApiClient(http, settings.Model, OllamaJsonContext.Default);
            case "azure":
                var resource = settings.Endpoint ?? throw new ArgumentException("Azure OpenAI needs --llm-endpoint https://RESOURCE.openai.azure.com");
                http.DefaultRequestHeaders.Add("api-key", settings.ApiKey ?? "");
                return OpenAi(http, new Uri(resource, "openai/v1/"), settings);
            default:
                return OpenAi(http, settings.Endpoint, settings);
        }
    }

    private static StatusChatClient OpenAi(HttpClient http, Uri? endpoint, LlmSettings settings)
    {
        var options = new OpenAIClientOptions
        {
            Transport = new HttpClientPipelineTransport(http),
            RetryPolicy = new ClientRetryPolicy(0),
            NetworkTimeout = settings.Timeout + TimeSpan.FromSeconds(30),
        };
        if (endpoint is not null)
        {
            options.Endpoint = endpoint;
        }

        // Local OpenAI-compatible servers often take no key; the client still needs a credential object.
        var client = new OpenAIClient(new ApiKeyCredential(settings.ApiKey ?? "no-key"), options);
        return new StatusChatClient(client.GetChatClient(settings.Model).AsIChatClient());
    }
}
