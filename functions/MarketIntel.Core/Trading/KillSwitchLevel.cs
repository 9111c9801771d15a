namespace MarketIntel.Core.Trading;

/// <summary>
/// The kill switch, each level including the ones before it: <see cref="BlockEntries"/> (the account only reduces),
/// <see cref="CancelAll"/> (halted, every working order canceled), <see cref="FlattenAll"/> (and every open position
/// closed by a market order whose origin is <see cref="OrderOrigin.KillSwitch"/>).
/// </summary>
public enum KillSwitchLevel
{
    Off,
    BlockEntries,
    CancelAll,
    FlattenAll,
}
