namespace MarketIntel.Brokers.Shared;

/// <summary>What one send of an order definitely did: created the venue order <see cref="VenueOrderId"/>, or was refused with a reason code and the venue's message.</summary>
public sealed record SubmitOutcome(string? VenueOrderId, string? RejectReason, string? Message)
{
    public static SubmitOutcome Created(string venueOrderId) => new(venueOrderId, null, null);

    public static SubmitOutcome Rejected(string reason, string message) => new(null, reason, message);
}
