using MarketIntel.Core.Trading;
using MarketIntel.Pipeline.Trading;

namespace MarketIntel.Api;

/// <summary>A submitted order (a rejected one included, with its reason) and the risk decision with every rule's inputs and thresholds; <see cref="Duplicate"/> when the client order id was already used.</summary>
public sealed record PaperOrderResult(PaperOrderView Order, bool Duplicate, RiskDecision? Decision);
