namespace Grader.Validity;

/// <summary>Fixed answers the checks need besides the examples.</summary>
public static class ValidityFixtures
{
    /// <summary>A competent general software design with no ML in it.</summary>
    public const string UrlShortener = """
        # Design a URL shortener

        ## Requirements

        Users paste a long URL and get a short one back. We expect 100M new URLs per month and 10k QPS of
        reads at peak, with redirects answered within 50 ms; links never expire unless the owner deletes them.

        ## High-level design

        An API server accepts writes, generates a seven-character base62 code from a counter service, and
        stores the mapping in a key-value database. Reads hit a cache first (hot links follow a power law),
        then a read replica. A load balancer spreads traffic across stateless web servers.

        ## Scaling

        We shard the database by the hash of the code, replicate each shard three times, and put the cache
        in front of every region. Analytics events go to a queue and are aggregated in batch every hour.
        Rate limiting per API key protects the write path from abuse.
        """;
}
