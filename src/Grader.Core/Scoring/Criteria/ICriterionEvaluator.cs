using Grader.Core.Analysis;
using Grader.Core.Rubrics;

namespace Grader.Core.Scoring.Criteria;

/// <summary>Scores one kind of criterion. Stateless; one implementation per criterion kind.</summary>
internal interface ICriterionEvaluator
{
    Evaluation Evaluate(Criterion criterion, AnalysisContext context, EvidenceIndex evidence);
}
