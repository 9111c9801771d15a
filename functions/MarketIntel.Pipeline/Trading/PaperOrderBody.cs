using MarketIntel.Core.Trading;

namespace MarketIntel.Pipeline.Trading;

/// <summary>
/// An order as a client sends it: names as in the replay files (<c>buy</c>, <c>stop_limit</c>, <c>gtc</c>); with
/// <see cref="StopLoss"/> and <see cref="TakeProfit"/> it is a bracket whose legs start working when the entry fills.
/// </summary>
public sealed record PaperOrderBody(
    string? ClientOrderId,
    string? Symbol,
    string? Side,
    string? Type,
    double? Quantity,
    double? LimitPrice = null,
    double? StopPrice = null,
    string? TimeInForce = null,
    double? StopLoss = null,
    double? TakeProfit = null)
{
    public const int MaxClientOrderIdLength = 64;

    /// <summary>The request (and bracket, when asked for), or a <see cref="PaperTradingException"/> naming the field.</summary>
    public (OrderRequest Request, BracketRequest? Bracket) ToRequest() => ToRequest(OrderOrigin.Client, null);

    /// <summary>As <see cref="ToRequest()"/>, for an order placed by <paramref name="origin"/> because of <paramref name="cause"/>.</summary>
    public (OrderRequest Request, BracketRequest? Bracket) ToRequest(OrderOrigin origin, string? cause)
    {
        if (string.IsNullOrWhiteSpace(ClientOrderId) || ClientOrderId.Length > MaxClientOrderIdLength || !ClientOrderId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw Bad("clientOrderId", $"1 to {MaxClientOrderIdLength} letters, digits, '-', '_' or '.' are required (it makes a retried submit one order)");
        }

        if (!Core.Market.Symbol.IsValid(Symbol, out var reason))
        {
            throw Bad("symbol", reason);
        }

        if (!PaperNames.TryParse<OrderSide>(Side, out var side))
        {
            throw Bad("side", $"'{Side}' is not one of {PaperNames.Choices<OrderSide>()}");
        }

        if (!PaperNames.TryParse<OrderType>(Type, out var type))
        {
            throw Bad("type", $"'{Type}' is not one of {PaperNames.Choices<OrderType>()}");
        }

        var tif = Core.Trading.TimeInForce.Gtc;
        if (TimeInForce is not null && !PaperNames.TryParse(TimeInForce, out tif))
        {
            throw Bad("timeInForce", $"'{TimeInForce}' is not one of {PaperNames.Choices<TimeInForce>()}");
        }

        if (Quantity is not { } quantity || !(quantity > 0 && double.IsFinite(quantity)))
        {
            throw Bad("quantity", "a positive quantity is required");
        }

        var needsLimit = type is OrderType.Limit or OrderType.StopLimit;
        var needsStop = type is OrderType.Stop or OrderType.StopLimit;
        CheckPrice("limitPrice", LimitPrice, needsLimit, type);
        CheckPrice("stopPrice", StopPrice, needsStop, type);
        var request = new OrderRequest(ClientOrderId, Symbol!, side, type, quantity, LimitPrice, StopPrice, tif, origin, cause);
        if (StopLoss is null && TakeProfit is null)
        {
            return (request, null);
        }

        if (StopLoss is null || TakeProfit is null)
        {
            throw Bad(StopLoss is null ? "stopLoss" : "takeProfit", "a bracket needs both stopLoss and takeProfit");
        }

        return (request, new BracketRequest(request, StopLoss.Value, TakeProfit.Value));
    }

    /// <summary>A price the type needs must be positive and finite; one it ignores is refused, as it is most likely a mistake.</summary>
    private static void CheckPrice(string field, double? price, bool needed, OrderType type)
    {
        if (needed && price is null)
        {
            throw Bad(field, $"a {PaperNames.Of(type)} order needs {field}");
        }

        if (!needed && price is not null)
        {
            throw Bad(field, $"{field} does not apply to a {PaperNames.Of(type)} order");
        }

        if (price is { } value && !(value > 0 && double.IsFinite(value)))
        {
            throw Bad(field, $"{field} must be a positive price, not {value}");
        }
    }

    private static PaperTradingException Bad(string field, string message) => new(400, field, message);
}
