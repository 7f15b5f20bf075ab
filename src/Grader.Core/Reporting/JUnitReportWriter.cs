using System.Globalization;
using System.Xml;
using Grader.Core.Diagnostics;
using Grader.Core.Mapping;

namespace Grader.Core.Reporting;

/// <summary>
/// JUnit XML: a test suite per answer, a test case per rubric criterion. A criterion not fully met fails with the
/// criterion's message; an unreadable input is a suite with one erroring case. The criteria of an answer the rubrics
/// could not read (MLSD0013) are skipped, not failed: nothing was judged. CI test tabs render it as is.
/// Characters XML 1.0 cannot carry (a \x01 in a file name or model reply) become U+FFFD.
/// </summary>
public sealed class JUnitReportWriter : IReportWriter
{
    public string Format => "junit";

    public void Write(Stream stream, GradeRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var settings = new XmlWriterSettings { Indent = true, NewLineChars = "\n", Encoding = new System.Text.UTF8Encoding(false) };
        using var xml = XmlWriter.Create(stream, settings);
        var criteria = run.Results.Sum(r => r.Score.Steps.Sum(s => s.Criteria.Length));
        var failures = run.Results.Where(r => !r.Score.Withheld).Sum(r => r.Score.Steps.Sum(s => s.Criteria.Count(Failed)));
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", "grader");
        xml.WriteAttributeString("tests", Number(criteria + run.Errors.Length));
        xml.WriteAttributeString("failures", Number(failures));
        xml.WriteAttributeString("errors", Number(run.Errors.Length));
        foreach (var result in run.Results)
        {
            var cases = result.Score.Steps.SelectMany(s => s.Criteria.Select(c => (Step: s, Criterion: c))).ToList();
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", X(result.Path));
            xml.WriteAttributeString("tests", Number(cases.Count));
            xml.WriteAttributeString("failures", Number(result.Score.Withheld ? 0 : cases.Count(c => Failed(c.Criterion))));
            xml.WriteAttributeString("errors", "0");
            if (result.Score.Withheld)
            {
                xml.WriteAttributeString("skipped", Number(cases.Count));
            }

            xml.WriteAttributeString("time", "0");
            xml.WriteStartElement("properties");
            Property(xml, "problem", X(result.Problem.Id));
            Property(xml, "score", result.Score.Total.ToString("0.0", CultureInfo.InvariantCulture));
            Property(xml, "band", X(result.Score.Band));
            Property(xml, "problemSource", X(result.Problem.Source));
            foreach (var applied in AppliedSuppression.Of(result))
            {
                Property(xml, "suppression", X($"line {applied.Line}: {string.Join(", ", applied.Ids)} ({applied.Findings}){(applied.Justification is null ? "" : " -- " + applied.Justification)}"));
            }

            foreach (var config in run.Provenance?.Configs ?? [])
            {
                Property(xml, "config", X($"{config.Path} sha256:{config.Sha256} {config.Role} {(config.Used ? "used" : "ignored")}"));
            }

            xml.WriteEndElement();
            foreach (var (step, criterion) in cases)
            {
                xml.WriteStartElement("testcase");
                xml.WriteAttributeString("classname", X($"{result.Path}.{step.Step.ToId()}"));
                xml.WriteAttributeString("name", X(criterion.Criterion.Id));
                xml.WriteAttributeString("time", "0");
                if (result.Score.Withheld)
                {
                    xml.WriteStartElement("skipped");
                    xml.WriteAttributeString("message", X(criterion.Missing ?? "not graded"));
                    xml.WriteEndElement();
                }
                else if (Failed(criterion))
                {
                    var lost = (criterion.Points - criterion.Score).ToString("0.0", CultureInfo.InvariantCulture);
                    xml.WriteStartElement("failure");
                    xml.WriteAttributeString("message", X($"{criterion.Criterion.Message} ({lost} points lost)"));
                    xml.WriteAttributeString("type", X(criterion.ExplainedBy ?? DiagnosticIds.CriterionNotMet));
                    xml.WriteString(X(criterion.Missing ?? criterion.Criterion.Message));
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            if (result.Feedback is { } feedback)
            {
                xml.WriteElementString("system-out", X(Llm.FeedbackText.Header(feedback) + "\n" + string.Join('\n',
                    feedback.Areas.Select(a => $"{a.Area}: {a.Rating}/5{Llm.FeedbackText.Lines(a)}; gaps: {string.Join("; ", a.Gaps)}"))));
            }

            xml.WriteEndElement();
        }

        foreach (var error in run.Errors)
        {
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", X(error.Path));
            xml.WriteAttributeString("tests", "1");
            xml.WriteAttributeString("failures", "0");
            xml.WriteAttributeString("errors", "1");
            xml.WriteAttributeString("time", "0");
            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("classname", X(error.Path));
            xml.WriteAttributeString("name", "read");
            xml.WriteAttributeString("time", "0");
            xml.WriteStartElement("error");
            xml.WriteAttributeString("message", X(error.Message));
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    // A loss that rounds to nothing is not a failure worth a red line.
    private static bool Failed(Scoring.CriterionResult criterion) => Scoring.Scorer.Round(criterion.Points - criterion.Score) > 0;

    private static void Property(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("value", value);
        xml.WriteEndElement();
    }

    // Paths, messages and model text may hold characters XML cannot carry; they are replaced, not thrown on.
    private static string X(string text) => UntrustedText.ForXml(text);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
