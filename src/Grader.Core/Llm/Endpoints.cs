namespace Grader.Core.Llm;

/// <summary>How an endpoint may be shown or keyed: never with the user:password@ or query a URL can carry.</summary>
public static class Endpoints
{
    public static string? Display(Uri? endpoint)
    {
        if (endpoint is null)
        {
            return null;
        }

        if (!endpoint.IsAbsoluteUri)
        {
            return "(relative URL)";
        }

        var clean = new UriBuilder(endpoint) { UserName = "", Password = "", Query = "", Fragment = "" };
        return clean.Uri.AbsoluteUri;
    }
}
