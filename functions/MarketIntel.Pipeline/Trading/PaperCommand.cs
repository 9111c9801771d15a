using System.Text.Json.Serialization;

namespace MarketIntel.Pipeline.Trading;

/// <summary>
/// One input to a paper account, with everything the engine needs to process it (times and prices included), so that
/// replaying an account's journal through a fresh engine rebuilds its state exactly. Each journal entry holds one.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(PaperSubmitOrder), "submit")]
[JsonDerivedType(typeof(PaperSubmitBracket), "bracket")]
[JsonDerivedType(typeof(PaperCancelOrder), "cancel")]
[JsonDerivedType(typeof(PaperApplyBars), "bars")]
[JsonDerivedType(typeof(PaperApplyTrades), "trades")]
[JsonDerivedType(typeof(PaperKill), "kill")]
[JsonDerivedType(typeof(PaperReset), "reset")]
public abstract record PaperCommand(DateTime Time);
