using Grader.Benchmarks;

// Usage: PerAnswerNative ANSWER   prints CPU ms and KB per grade of ANSWER, and Markdig's CPU ms per parse of it.
if (args.Length != 1 || !File.Exists(args[0]))
{
    Console.Error.WriteLine("usage: PerAnswerNative ANSWER.md");
    return 2;
}

PerAnswerSummary.Run(File.ReadAllText(args[0]));
return 0;
