using System.Text.Json;
using System.Text.Json.Serialization;

namespace Grader.Cli.Lsp;

// The few Language Server Protocol 3.17 messages Grader's server reads and writes, written by hand: properties the
// server does not use are left out (System.Text.Json ignores them on input). Positions are 0-based, in UTF-16 code
// units, the protocol's default encoding and the one SourceSpan uses.

/// <summary>Serializer settings for the wire: camelCase names, nulls left out.</summary>
internal static class LspJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>JSON-RPC and LSP error codes the server answers with.</summary>
internal static class LspErrors
{
    public const int InvalidRequest = -32600;
    public const int InvalidParams = -32602;
    public const int InternalError = -32603;
    public const int ServerNotInitialized = -32002;
}

internal sealed record Position(int Line, int Character);

internal sealed record LspRange(Position Start, Position End);

internal sealed record TextDocumentIdentifier(string Uri);

internal sealed record VersionedTextDocumentIdentifier(string Uri, int Version);

internal sealed record TextDocumentItem(string Uri, string? LanguageId, int Version, string Text);

internal sealed record InitializeParams(int? ProcessId, string? RootUri, string? RootPath, JsonElement? Capabilities);

internal sealed record DidOpenTextDocumentParams(TextDocumentItem TextDocument);

internal sealed record TextDocumentContentChangeEvent(LspRange? Range, string Text);

internal sealed record DidChangeTextDocumentParams(VersionedTextDocumentIdentifier TextDocument, IReadOnlyList<TextDocumentContentChangeEvent> ContentChanges);

internal sealed record DidSaveTextDocumentParams(TextDocumentIdentifier TextDocument, string? Text);

internal sealed record DidCloseTextDocumentParams(TextDocumentIdentifier TextDocument);

internal sealed record TextDocumentPositionParams(TextDocumentIdentifier TextDocument, Position Position);

internal sealed record CodeActionContext(IReadOnlyList<LspDiagnostic>? Diagnostics, IReadOnlyList<string>? Only);

internal sealed record CodeActionParams(TextDocumentIdentifier TextDocument, LspRange Range, CodeActionContext? Context);

internal sealed record CodeLensParams(TextDocumentIdentifier TextDocument);

internal sealed record FileEvent(string Uri, int Type);

internal sealed record DidChangeWatchedFilesParams(IReadOnlyList<FileEvent> Changes);

internal sealed record CodeDescription(string Href);

/// <summary>Severity: 1 error, 2 warning, 3 information, 4 hint.</summary>
internal sealed record LspDiagnostic(LspRange Range, int Severity, string? Code, CodeDescription? CodeDescription, string Source, string Message);

internal sealed record PublishDiagnosticsParams(string Uri, int? Version, IReadOnlyList<LspDiagnostic> Diagnostics);

internal sealed record MarkupContent(string Kind, string Value);

internal sealed record Hover(MarkupContent Contents, LspRange? Range);

internal sealed record TextEdit(LspRange Range, string NewText);

internal sealed record WorkspaceEdit(IReadOnlyDictionary<string, IReadOnlyList<TextEdit>> Changes);

internal sealed record CodeAction(string Title, string Kind, IReadOnlyList<LspDiagnostic>? Diagnostics, bool? IsPreferred, WorkspaceEdit Edit);

/// <summary>A command with no <see cref="Name"/> is shown as text and does nothing when clicked.</summary>
internal sealed record LensCommand(string Title, [property: JsonPropertyName("command")] string Name);

internal sealed record CodeLens(LspRange Range, LensCommand Command);

internal sealed record LogMessageParams(int Type, string Message);

internal sealed record Registration(string Id, string Method, object? RegisterOptions);

internal sealed record RegistrationParams(IReadOnlyList<Registration> Registrations);

internal sealed record ServerInfo(string Name, string Version);

internal sealed record InitializeResult(object Capabilities, ServerInfo ServerInfo);
