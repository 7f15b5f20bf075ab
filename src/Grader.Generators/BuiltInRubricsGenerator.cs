using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Grader.Generators;

/// <summary>
/// Compiles the built-in rubrics into C# that builds their DTOs, so a run reads no YAML for them. The files are the
/// AdditionalFiles with a <c>GraderRubric</c> metadata value (their logical name, e.g. <c>rubrics/base.yaml</c>); the
/// DTO type is the one <c>BuiltInRubric</c>'s factory returns. YAML is read the way Grader's runtime reader reads it
/// (camelCase keys, <c>[YamlIgnore]</c> skipped, a <c>Start</c> mark on every object, plain null) and anything it would
/// refuse (an unknown key, a wrong type, an alias, a duplicate key) is a build error at the YAML line. Kept strict:
/// numbers must be plain and booleans true or false, so what compiles is read the same by both.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class BuiltInRubricsGenerator : IIncrementalGenerator
{
    private const string HostType = "Grader.Core.Rubrics.BuiltInRubrics";
    private const string HostMethod = "All";

    private static readonly DiagnosticDescriptor Invalid = new(
        "GRADERGEN001", "Built-in rubric cannot be compiled", "{0}", "Grader.Generators", DiagnosticSeverity.Error, isEnabledByDefault: true);

    private static readonly DiagnosticDescriptor NoHost = new(
        "GRADERGEN002", "No host for the built-in rubrics", "{0}", "Grader.Generators", DiagnosticSeverity.Error, isEnabledByDefault: true);

    private static readonly Regex Integer = new(@"^[-+]?[0-9]+$", RegexOptions.CultureInvariant);
    private static readonly Regex Real = new(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant);

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var files = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select((pair, token) =>
            {
                pair.Right.GetOptions(pair.Left).TryGetValue("build_metadata.AdditionalFiles.GraderRubric", out var name);
                return string.IsNullOrEmpty(name) ? null : new SourceFile(name!, pair.Left.Path, pair.Left.GetText(token)?.ToString() ?? "");
            })
            .Where(f => f is not null)
            .Collect();

        context.RegisterSourceOutput(files.Combine(context.CompilationProvider), (output, input) => Emit(output, input.Left!, input.Right));
    }

    private static void Emit(SourceProductionContext output, ImmutableArray<SourceFile?> files, Compilation compilation)
    {
        if (files.IsEmpty)
        {
            return;
        }

        var host = compilation.GetTypeByMetadataName(HostType);
        var method = host?.GetMembers(HostMethod).OfType<IMethodSymbol>().FirstOrDefault(m => m.IsPartialDefinition);
        var entry = (method?.ReturnType as INamedTypeSymbol)?.TypeArguments.FirstOrDefault() as INamedTypeSymbol;
        var factory = entry?.InstanceConstructors.Select(c => c.Parameters.LastOrDefault()?.Type).OfType<INamedTypeSymbol>()
            .FirstOrDefault(t => t.Name == "Func" && t.TypeArguments.Length == 1);
        if (host is null || method is null || entry is null || factory?.TypeArguments[0] is not INamedTypeSymbol dto)
        {
            output.ReportDiagnostic(Diagnostic.Create(NoHost, Location.None,
                $"Rubric files are marked GraderRubric but {HostType} declares no 'static partial ImmutableArray<Entry> {HostMethod}()' whose Entry takes (file, sha256, Func<Dto>)"));
            return;
        }

        var list = new StringBuilder();
        var index = 0;
        foreach (var file in files.OrderBy(f => f!.Name, StringComparer.Ordinal))
        {
            var writer = new Writer(file!, output);
            var body = writer.Root(file!.Text, dto);
            if (body is null)
            {
                continue;
            }

            var name = $"Rubric{index++}";
            output.AddSource($"BuiltInRubrics.{Path.GetFileNameWithoutExtension(file.Name)}.g.cs", SourceText.From(
                Partial(host, $"    private static {Type(dto)} {name}() =>\n{body};\n"), Encoding.UTF8));
            list.Append("        new(").Append(Literal(file.Name)).Append(", ").Append(Literal(Sha256(file.Text))).Append(", ").Append(name).Append("),\n");
        }

        output.AddSource("BuiltInRubrics.g.cs", SourceText.From(Partial(host,
            $"    {Accessibility(method)} static partial {method.ReturnType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)} {HostMethod}() =>\n    [\n{list}    ];\n"), Encoding.UTF8));
    }

    private static string Partial(INamedTypeSymbol host, string members) =>
        $"// <auto-generated>Compiled from rubrics/*.yaml by Grader.Generators.</auto-generated>\n#nullable enable\nnamespace {host.ContainingNamespace.ToDisplayString()};\n\n" +
        $"{Accessibility(host)} static partial class {host.Name}\n{{\n{members}}}\n";

    private static string Accessibility(ISymbol symbol) => symbol.DeclaredAccessibility switch
    {
        Microsoft.CodeAnalysis.Accessibility.Public => "public",
        Microsoft.CodeAnalysis.Accessibility.Private => "private",
        _ => "internal",
    };

    private static string Type(ITypeSymbol type) =>
        type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    private static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    // As the runtime computes it: SHA-256 of the text's UTF-8 bytes, lower-case hex.
    private static string Sha256(string text)
    {
        using var sha = SHA256.Create();
        return string.Concat(sha.ComputeHash(Encoding.UTF8.GetBytes(text)).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
    }

    private sealed class SourceFile(string name, string path, string text) : IEquatable<SourceFile>
    {
        public string Name { get; } = name;

        public string Path { get; } = path;

        public string Text { get; } = text;

        public bool Equals(SourceFile? other) => other is not null && Name == other.Name && Path == other.Path && Text == other.Text;

        public override bool Equals(object? obj) => Equals(obj as SourceFile);

        public override int GetHashCode() => Name.GetHashCode() ^ Text.Length;
    }

    // Turns one YAML document into a C# expression, reporting what cannot be compiled.
    private sealed class Writer(SourceFile file, SourceProductionContext output)
    {
        private bool _failed;

        public string? Root(string text, INamedTypeSymbol type)
        {
            YamlNode? root;
            try
            {
                var alias = FirstAlias(text);
                if (alias is not null)
                {
                    Fail(alias.Value, "YAML aliases (*name) are not allowed in a rubric; write the value out");
                    return null;
                }

                var stream = new YamlStream();
                stream.Load(new StringReader(text));
                root = stream.Documents.Count == 1 ? stream.Documents[0].RootNode : null;
            }
            catch (YamlException ex)
            {
                Fail(ex.Start, $"Not valid YAML: {(ex.InnerException?.Message ?? ex.Message).Trim()}");
                return null;
            }
            catch (ArgumentException ex)
            {
                // YamlDotNet's representation model refuses a duplicate key this way.
                Fail(Mark.Empty, $"Not valid YAML: {ex.Message}");
                return null;
            }

            if (root is null)
            {
                Fail(Mark.Empty, "A rubric file holds one YAML document, a mapping");
                return null;
            }

            var expression = Value(root, type, "        ");
            return _failed ? null : expression;
        }

        private static Mark? FirstAlias(string text)
        {
            var parser = new Parser(new StringReader(text));
            while (parser.MoveNext())
            {
                if (parser.Current is AnchorAlias alias)
                {
                    return alias.Start;
                }
            }

            return null;
        }

        private string Value(YamlNode node, ITypeSymbol type, string indent)
        {
            if (!node.Tag.IsEmpty)
            {
                return Fail(node.Start, $"Tags ({node.Tag}) are not allowed in a built-in rubric");
            }

            if (node is YamlScalarNode { Style: ScalarStyle.Plain } nullable && nullable.Value is "" or "~" or "null" or "Null" or "NULL")
            {
                return type.IsValueType && type.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T
                    ? Fail(node.Start, $"Expected a value of type {type.Name}, got null")
                    : type.IsValueType ? "null" : "null!";
            }

            var underlying = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } n ? n.TypeArguments[0] : type;
            switch (underlying.SpecialType)
            {
                case SpecialType.System_String:
                    return node is YamlScalarNode s ? Literal(s.Value ?? "") : Fail(node.Start, "Expected a text value (a scalar)");
                case SpecialType.System_Int32:
                    return node is YamlScalarNode { Value: { } i } && Integer.IsMatch(i) && int.TryParse(i, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
                        ? integer.ToString(CultureInfo.InvariantCulture)
                        : Fail(node.Start, "Expected a plain whole number");
                case SpecialType.System_Double:
                    return node is YamlScalarNode { Value: { } d } && Real.IsMatch(d)
                        ? double.Parse(d, NumberStyles.Float, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture) + "d"
                        : Fail(node.Start, "Expected a plain number");
                case SpecialType.System_Boolean:
                    return node is YamlScalarNode { Value: { } b } && (b.Equals("true", StringComparison.OrdinalIgnoreCase) || b.Equals("false", StringComparison.OrdinalIgnoreCase))
                        ? b.ToLowerInvariant()
                        : Fail(node.Start, "Expected true or false");
            }

            if (underlying is not INamedTypeSymbol named)
            {
                return Fail(node.Start, $"Type {underlying.ToDisplayString()} cannot be compiled from YAML");
            }

            var generic = named.OriginalDefinition.ToDisplayString();
            if (generic == "System.Collections.Generic.List<T>")
            {
                if (node is not YamlSequenceNode sequence)
                {
                    return Fail(node.Start, "Expected a list ('- ' items or [a, b])");
                }

                var items = sequence.Children.Select(c => $"{indent}    {Value(c, named.TypeArguments[0], indent + "    ")},\n");
                return $"new {Type(named)}\n{indent}{{\n{string.Concat(items)}{indent}}}";
            }

            if (generic == "System.Collections.Generic.Dictionary<TKey, TValue>" && named.TypeArguments[0].SpecialType == SpecialType.System_String)
            {
                if (node is not YamlMappingNode mapping)
                {
                    return Fail(node.Start, "Expected a mapping of keys to values");
                }

                var entries = mapping.Children.Select(e => e.Key is YamlScalarNode key
                    ? $"{indent}    [{Literal(key.Value ?? "")}] = {Value(e.Value, named.TypeArguments[1], indent + "    ")},\n"
                    : Fail(e.Key.Start, "Expected a plain key"));
                return $"new {Type(named)}\n{indent}{{\n{string.Concat(entries)}{indent}}}";
            }

            if (named.TypeKind == TypeKind.Class && named.InstanceConstructors.Any(c => c.Parameters.IsEmpty && c.DeclaredAccessibility != Microsoft.CodeAnalysis.Accessibility.Private))
            {
                return Object(node, named, indent);
            }

            return Fail(node.Start, $"Type {named.ToDisplayString()} cannot be compiled from YAML");
        }

        private string Object(YamlNode node, INamedTypeSymbol type, string indent)
        {
            if (node is not YamlMappingNode mapping)
            {
                return Fail(node.Start, $"Expected a mapping for {type.Name}");
            }

            var properties = Properties(type);
            var body = new StringBuilder();
            if (properties.TryGetValue("\0start", out var start))
            {
                body.Append(indent).Append("    ").Append(start.Name)
                    .Append(" = new global::YamlDotNet.Core.Mark(").Append(node.Start.Index).Append(", ").Append(node.Start.Line).Append(", ").Append(node.Start.Column).Append("),\n");
            }

            foreach (var entry in mapping.Children)
            {
                var key = (entry.Key as YamlScalarNode)?.Value;
                if (key is null || key.StartsWith("\0", StringComparison.Ordinal) || !properties.TryGetValue(key, out var property))
                {
                    Fail(entry.Key.Start, $"Property '{key}' not found on type '{type.ToDisplayString()}'");
                    continue;
                }

                body.Append(indent).Append("    ").Append(property.Name).Append(" = ").Append(Value(entry.Value, property.Type, indent + "    ")).Append(",\n");
            }

            return $"new {Type(type)}\n{indent}{{\n{body}{indent}}}";
        }

        // YAML key -> settable property; the start mark, if the type keeps one, under "\0start".
        private static Dictionary<string, IPropertySymbol> Properties(INamedTypeSymbol type)
        {
            var result = new Dictionary<string, IPropertySymbol>(StringComparer.Ordinal);
            for (var t = type; t is not null && t.SpecialType != SpecialType.System_Object; t = t.BaseType)
            {
                foreach (var property in t.GetMembers().OfType<IPropertySymbol>())
                {
                    if (property.IsStatic || property.SetMethod is null || property.DeclaredAccessibility != Microsoft.CodeAnalysis.Accessibility.Public || result.ContainsValue(property))
                    {
                        continue;
                    }

                    var attributes = property.GetAttributes();
                    if (attributes.Any(a => a.AttributeClass?.ToDisplayString() == "YamlDotNet.Serialization.YamlIgnoreAttribute"))
                    {
                        if (property.Name == "Start" && property.Type.ToDisplayString() == "YamlDotNet.Core.Mark")
                        {
                            result["\0start"] = property;
                        }

                        continue;
                    }

                    var alias = attributes.FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "YamlDotNet.Serialization.YamlMemberAttribute")
                        ?.NamedArguments.FirstOrDefault(a => a.Key == "Alias").Value.Value as string;
                    var name = alias ?? char.ToLowerInvariant(property.Name[0]) + property.Name.Substring(1);
                    if (!result.ContainsKey(name))
                    {
                        result[name] = property;
                    }
                }
            }

            return result;
        }

        private string Fail(Mark at, string message)
        {
            _failed = true;
            var line = (int)Math.Max(0, at.Line - 1);
            var column = (int)Math.Max(0, at.Column - 1);
            var position = new LinePosition(line, column);
            var index = (int)Math.Min(Math.Max(0, at.Index), file.Text.Length);
            output.ReportDiagnostic(Diagnostic.Create(Invalid,
                Location.Create(file.Path, new TextSpan(index, 0), new LinePositionSpan(position, position)),
                message));
            return "default!";
        }
    }
}
