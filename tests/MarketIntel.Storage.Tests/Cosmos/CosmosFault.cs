namespace MarketIntel.Storage.Tests.Cosmos;

/// <summary>A network failure <see cref="CosmosFaultInjectingHandler"/> injects into a document write.</summary>
internal enum CosmosFault
{
    /// <summary>The connection could not be made: the write never left (a known outcome).</summary>
    ConnectionRefused,

    /// <summary>The connection broke before the write was sent, which the client cannot tell from after (unknown outcome).</summary>
    ConnectionResetBeforeSending,

    /// <summary>The service applied the write and the response was lost (unknown outcome; a retry meets its own write).</summary>
    ResponseLostAfterLanding,
}
