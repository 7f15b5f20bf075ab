using System.Text;
using Grader.Core;
using Grader.Core.Diagnostics;
using Grader.Core.Reporting;
using Grader.Core.Rubrics;
using SharpFuzz;

// The AFL++ target for scripts/fuzz: bytes in, parse → classify → analyze → score → JSON report out. Any exception is
// a finding, because the grading pipeline promises a result (never an exception) for every text. Decoding replaces
// invalid UTF-8 as the CLI does, so the fuzzer's mutations reach the parser rather than a decoder.
//
// Run with a file argument to replay one input outside AFL++ (how a finding is turned into a regression test).
// Built lazily inside the fuzzed callback: instrumented code that runs before Fuzzer.Run has no coverage map to
// write to and fails with an access violation.
var engine = new Lazy<GradingEngine>(() =>
{
    var (catalog, errors) = RubricCatalog.Load(DescriptorCatalog.Ids);
    return errors.IsEmpty ? new GradingEngine(catalog) : throw new InvalidOperationException("built-in rubrics do not load: " + errors[0]);
});
var decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

void Grade(Stream input)
{
    using var buffer = new MemoryStream();
    input.CopyTo(buffer);
    var text = decoder.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    var result = engine.Value.Grade("fuzz.md", text);
    JsonReportWriter.Write(Stream.Null, [result], []);
}

if (args.Length == 1)
{
    using var file = File.OpenRead(args[0]);
    Grade(file);
    Console.WriteLine("graded without error");
    return 0;
}

Fuzzer.OutOfProcess.Run(Grade);
return 0;
