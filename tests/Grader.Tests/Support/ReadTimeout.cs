namespace Grader.Tests.Support;

/// <summary>
/// <c>AnswerReader.ReadTimeout</c> is process-wide. Tests that shorten it hold this lock from setting it to putting it
/// back, so two of them never restore it under each other (one would wait 10 s for its pipe, and the last to finish
/// would leave 1 s behind for every test after it).
/// </summary>
internal static class ReadTimeout
{
    private static readonly Lock Gate = new();

    public static T Shortened<T>(TimeSpan timeout, Func<T> action)
    {
        lock (Gate)
        {
            var previous = Grader.Cli.AnswerReader.ReadTimeout;
            Grader.Cli.AnswerReader.ReadTimeout = timeout;
            try
            {
                return action();
            }
            finally
            {
                Grader.Cli.AnswerReader.ReadTimeout = previous;
            }
        }
    }
}
