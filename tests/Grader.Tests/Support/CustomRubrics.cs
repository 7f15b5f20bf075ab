namespace Grader.Tests.Support;

/// <summary>A small rubric of the group's own, for tests of custom rubrics in configs, flags and runs.</summary>
internal static class CustomRubrics
{
    public const string CapacityPlanning = """
        id: capacity-planning
        extends: base
        title: Capacity planning for GPU clusters
        criteria:
          - id: capacity-planning.gpus
            step: serving
            kind: concepts
            points: 3
            concepts:
              - [gpu hours, gpu-hours]
            message: Say how many GPU hours the plan needs.
        """;

    /// <summary>A serving section that leaves capacity-planning.gpus unmet, so its finding is raised.</summary>
    public const string ServingWithoutGpuHours = "## Serving\n\nThe model runs behind an internal API on a few servers and answers each request within 200 ms.\n";
}
