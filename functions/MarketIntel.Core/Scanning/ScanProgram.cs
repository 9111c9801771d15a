namespace MarketIntel.Core.Scanning;

/// <summary>
/// A rule compiled once into whole-column operations, then evaluated per symbol: every node yields one double per
/// bar (NaN = undefined; conditions are 1/0). Compiling resolves nothing per bar, so evaluating a symbol is a handful
/// of tight loops over its arrays plus the (cached) indicator evaluations.
/// </summary>
public sealed class ScanProgram
{
    private readonly Func<ScanSeries, double[]> _evaluate;

    private ScanProgram(ScanExpr expression, Func<ScanSeries, double[]> evaluate)
    {
        Expression = expression;
        _evaluate = evaluate;
    }

    public ScanExpr Expression { get; }

    public ScanValueType Type => Expression.Type;

    public string Text => Expression.ToString();

    /// <summary>Parses and compiles a condition.</summary>
    public static ScanProgram Condition(string rule) => Compile(ScanParser.ParseCondition(rule));

    /// <summary>Parses and compiles a number expression.</summary>
    public static ScanProgram Value(string expression) => Compile(ScanParser.ParseValue(expression));

    public static ScanProgram Compile(ScanExpr expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return new ScanProgram(expression, Build(expression));
    }

    /// <summary>One value per bar of <paramref name="series"/>. The returned array may be shared with the cache: do not modify it.</summary>
    public double[] Evaluate(ScanSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        return _evaluate(series);
    }

    /// <summary>True when a condition value holds (undefined does not).</summary>
    public static bool IsTrue(double value) => value == ColumnOps.True;

    private static Func<ScanSeries, double[]> Build(ScanExpr e)
    {
        switch (e)
        {
            case ScanExpr.Number n:
                var value = n.Value;
                return s => ColumnOps.Constant(s.Count, value);
            case ScanExpr.Field f:
                var part = f.Part;
                return s => s.Field(part);
            case ScanExpr.Indicator ind:
                var spec = ind.Spec;
                var output = ind.Output;
                return s => s.Indicator(spec, output);
            case ScanExpr.Unary u:
                var operand = Build(u.Operand);
                return u.Operator == ScanOperator.Not ? s => ColumnOps.Not(operand(s)) : s => ColumnOps.Negate(operand(s));
            case ScanExpr.Binary { Operator: not (ScanOperator.And or ScanOperator.Or or ScanOperator.CrossesAbove or ScanOperator.CrossesBelow) } b
                when b.Left is ScanExpr.Number || b.Right is ScanExpr.Number:
                return WithConstant(b);
            case ScanExpr.Binary b:
                return Binary(b.Operator, Build(b.Left), Build(b.Right));
            case ScanExpr.Offset o:
                var inner = Build(o.Inner);
                var bars = o.Bars;
                return s => ColumnOps.Shift(inner(s), bars);
            case ScanExpr.Call c:
                return Call(c);
            case ScanExpr.OnTimeframe t:
                var onCoarse = Build(t.Inner);
                var tf = t.Timeframe;
                return s =>
                {
                    var (coarse, visible) = s.On(tf);
                    return ColumnOps.Align(onCoarse(coarse), visible);
                };
            default:
                throw new ArgumentException($"unsupported node {e.GetType().Name}", nameof(e));
        }
    }

    private static Func<ScanSeries, double[]> Binary(ScanOperator op, Func<ScanSeries, double[]> left, Func<ScanSeries, double[]> right) => op switch
    {
        ScanOperator.Add or ScanOperator.Subtract or ScanOperator.Multiply or ScanOperator.Divide => s => ColumnOps.Arithmetic(op, left(s), right(s)),
        ScanOperator.And or ScanOperator.Or => s => ColumnOps.Logic(op, left(s), right(s)),
        ScanOperator.CrossesAbove => s => ColumnOps.Cross(true, left(s), right(s)),
        ScanOperator.CrossesBelow => s => ColumnOps.Cross(false, left(s), right(s)),
        _ => s => ColumnOps.Compare(op, left(s), right(s)),
    };

    // Comparing or combining with a number needs no column of that number.
    private static Func<ScanSeries, double[]> WithConstant(ScanExpr.Binary b)
    {
        var op = b.Operator;
        var onLeft = b.Left is ScanExpr.Number;
        var constant = ((ScanExpr.Number)(onLeft ? b.Left : b.Right)).Value;
        var column = Build(onLeft ? b.Right : b.Left);
        return b.Type == ScanValueType.Number
            ? s => ColumnOps.Arithmetic(op, column(s), constant, onLeft)
            : s => ColumnOps.Compare(op, column(s), constant, onLeft);
    }

    private static Func<ScanSeries, double[]> Call(ScanExpr.Call c)
    {
        var first = Build(c.Arguments[0]);
        var period = c.Period;
        switch (c.Function)
        {
            case ScanFunction.Highest:
                return s => ColumnOps.Extreme(first(s), period, true);
            case ScanFunction.Lowest:
                return s => ColumnOps.Extreme(first(s), period, false);
            case ScanFunction.Sum:
                return s => ColumnOps.Sum(first(s), period, false);
            case ScanFunction.Avg:
                return s => ColumnOps.Sum(first(s), period, true);
            case ScanFunction.Abs:
                return s => ColumnOps.Map(first(s), Math.Abs);
            default:
                var second = Build(c.Arguments[1]);
                return c.Function == ScanFunction.Min
                    ? s => ColumnOps.Zip(first(s), second(s), Math.Min)
                    : s => ColumnOps.Zip(first(s), second(s), Math.Max);
        }
    }
}
