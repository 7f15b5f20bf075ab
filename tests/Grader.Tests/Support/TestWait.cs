namespace Grader.Tests.Support;

/// <summary>Polls for something another thread or process brings about, failing the test after a deadline.</summary>
internal static class TestWait
{
    public static async Task Until(Func<bool> condition, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not become true in time");
            await Task.Delay(20);
        }
    }
}
