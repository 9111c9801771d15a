using System.Globalization;
using MarketIntel.Core.Indicators;
using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Scanning;

/// <summary>
/// Reads rules into <see cref="ScanExpr"/> trees: a Pratt parser over <see cref="ScanLexer"/> tokens. Binding, loosest
/// first: <c>or</c>, <c>and</c>, <c>not</c>, comparisons and crosses (not chainable), <c>+ -</c>, <c>* /</c>, unary
/// <c>-</c>, then the postfixes <c>[n]</c> (n bars back) and <c>@tf</c> (on another timeframe). Types are checked
/// here: arithmetic and comparisons take numbers, <c>and or not</c> take conditions. Errors are
/// <see cref="ScanSyntaxException"/>s pointing at the column of the offending token.
/// </summary>
public sealed class ScanParser
{
    private const int OrPower = 1;
    private const int AndPower = 2;
    private const int NotPower = 3;
    private const int ComparePower = 4;
    private const int AddPower = 5;
    private const int MultiplyPower = 6;
    private const int NegatePower = 7;
    private const int PostfixPower = 8;
    private const int MaxOffset = 100_000;

    // Parsing, compiling and printing a rule recurse on its tree: nesting and length are bounded so that a hostile or
    // generated rule is refused with a column instead of overflowing the stack (found by fuzzing).
    private const int MaxNesting = 100;
    private const int MaxTokens = 4_096;

    private static readonly string[] Keywords = ["and", "or", "not", "crosses_above", "crosses_below"];

    private static readonly Dictionary<string, ScanFunction> Functions = new(StringComparer.Ordinal)
    {
        ["highest"] = ScanFunction.Highest,
        ["lowest"] = ScanFunction.Lowest,
        ["avg"] = ScanFunction.Avg,
        ["sum"] = ScanFunction.Sum,
        ["abs"] = ScanFunction.Abs,
        ["min"] = ScanFunction.Min,
        ["max"] = ScanFunction.Max,
    };

    private readonly List<ScanToken> _tokens;
    private int _next;
    private int _nesting;

    private ScanParser(string text)
    {
        _tokens = ScanLexer.Tokenize(text);
        if (_tokens.Count > MaxTokens)
        {
            throw new ScanSyntaxException(_tokens[MaxTokens].Column, $"the rule is longer than {MaxTokens} tokens; split it into several rules");
        }
    }

    /// <summary>Every name the language knows: fields, functions, keywords and catalog indicators.</summary>
    public static IEnumerable<string> KnownNames =>
        PriceParts.Names.Concat(Functions.Keys).Concat(Keywords).Concat(IndicatorCatalog.All.Select(d => d.Name));

    /// <summary>Parses an expression of either type.</summary>
    public static ScanExpr Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new ScanParser(text);
        if (parser.Peek.Kind == ScanTokenKind.End)
        {
            throw new ScanSyntaxException(1, "the rule is empty");
        }

        var expr = parser.Expression(0);
        var end = parser.Peek;
        if (end.Kind != ScanTokenKind.End)
        {
            throw new ScanSyntaxException(end.Column, $"unexpected {end.Describe()} after a complete expression");
        }

        return expr;
    }

    /// <summary>Parses a condition (a rule that is true or false per bar).</summary>
    public static ScanExpr ParseCondition(string text) => Expect(Parse(text), ScanValueType.Boolean, "a rule must be a condition (a comparison, crosses, and/or/not)");

    /// <summary>Parses a number per bar, such as a stop level.</summary>
    public static ScanExpr ParseValue(string text) => Expect(Parse(text), ScanValueType.Number, "expected a number (a price level), not a condition");

    private static ScanExpr Expect(ScanExpr expr, ScanValueType type, string problem) =>
        expr.Type == type ? expr : throw new ScanSyntaxException(expr.Column, $"{problem}: '{expr}'");

    private ScanToken Peek => _tokens[_next];

    private ScanToken Take() => _tokens[_next++];

    private ScanToken Expect(ScanTokenKind kind, string what)
    {
        var t = Peek;
        if (t.Kind != kind)
        {
            throw new ScanSyntaxException(t.Column, $"expected {what} but found {t.Describe()}");
        }

        return Take();
    }

    private ScanExpr Expression(int minPower)
    {
        if (++_nesting > MaxNesting)
        {
            throw new ScanSyntaxException(Peek.Column, $"the rule nests deeper than {MaxNesting} levels");
        }

        try
        {
            return ExpressionWithin(minPower);
        }
        finally
        {
            _nesting--;
        }
    }

    private ScanExpr ExpressionWithin(int minPower)
    {
        var left = Prefix();
        var comparedAt = 0;
        while (true)
        {
            var t = Peek;
            var (op, power) = Infix(t);
            if (power <= minPower)
            {
                return left;
            }

            if (power == PostfixPower)
            {
                left = Postfix(left);
                continue;
            }

            Take();
            if (power == ComparePower && comparedAt > 0)
            {
                throw new ScanSyntaxException(t.Column, $"comparisons cannot be chained (at col {comparedAt} and here); join them with 'and'");
            }

            var right = Expression(power);
            left = Binary(t, op, left, right);
            if (power == ComparePower)
            {
                comparedAt = t.Column;
            }
        }
    }

    private static (ScanOperator Op, int Power) Infix(ScanToken t) => t.Kind switch
    {
        ScanTokenKind.Plus => (ScanOperator.Add, AddPower),
        ScanTokenKind.Minus => (ScanOperator.Subtract, AddPower),
        ScanTokenKind.Star => (ScanOperator.Multiply, MultiplyPower),
        ScanTokenKind.Slash => (ScanOperator.Divide, MultiplyPower),
        ScanTokenKind.Less => (ScanOperator.Less, ComparePower),
        ScanTokenKind.LessEqual => (ScanOperator.LessEqual, ComparePower),
        ScanTokenKind.Greater => (ScanOperator.Greater, ComparePower),
        ScanTokenKind.GreaterEqual => (ScanOperator.GreaterEqual, ComparePower),
        ScanTokenKind.Equal => (ScanOperator.Equal, ComparePower),
        ScanTokenKind.NotEqual => (ScanOperator.NotEqual, ComparePower),
        ScanTokenKind.LeftBracket or ScanTokenKind.At or ScanTokenKind.Dot => (ScanOperator.Add, PostfixPower),
        ScanTokenKind.Identifier => t.Text switch
        {
            "and" => (ScanOperator.And, AndPower),
            "or" => (ScanOperator.Or, OrPower),
            "crosses_above" => (ScanOperator.CrossesAbove, ComparePower),
            "crosses_below" => (ScanOperator.CrossesBelow, ComparePower),
            _ => (ScanOperator.Add, 0),
        },
        _ => (ScanOperator.Add, 0),
    };

    private static ScanExpr Binary(ScanToken t, ScanOperator op, ScanExpr left, ScanExpr right)
    {
        var symbol = ScanExpr.Binary.Symbol(op);
        var wanted = op is ScanOperator.And or ScanOperator.Or ? ScanValueType.Boolean : ScanValueType.Number;
        foreach (var side in (ReadOnlySpan<ScanExpr>)[left, right])
        {
            if (side.Type != wanted)
            {
                throw new ScanSyntaxException(side.Column, wanted == ScanValueType.Boolean
                    ? $"'{symbol}' joins conditions, but '{side}' is a number"
                    : $"'{symbol}' needs numbers, but '{side}' is a condition");
            }
        }

        return new ScanExpr.Binary(left.Column, op, left, right);
    }

    private ScanExpr Postfix(ScanExpr left)
    {
        var t = Take();
        switch (t.Kind)
        {
            case ScanTokenKind.LeftBracket:
                var n = Expect(ScanTokenKind.Number, "a whole number of bars");
                if (!int.TryParse(n.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var bars) || bars > MaxOffset)
                {
                    throw new ScanSyntaxException(n.Column, $"an offset is a whole number of bars 0..{MaxOffset}, not '{n.Text}'");
                }

                Expect(ScanTokenKind.RightBracket, "']'");
                return bars == 0 ? left : new ScanExpr.Offset(left.Column, left, bars);
            case ScanTokenKind.At:
                var unit = Peek;
                if (unit.Kind is not (ScanTokenKind.Unit or ScanTokenKind.Identifier) || !Timeframe.TryParse(unit.Text, out var tf))
                {
                    throw new ScanSyntaxException(unit.Column, unit.Kind is ScanTokenKind.Unit or ScanTokenKind.Identifier
                        ? $"'{unit.Text}' is not a timeframe (1m, 5m, 1h, 4h, 1d, 1w)"
                        : $"expected a timeframe such as 1d after '@' but found {unit.Describe()}");
                }

                Take();
                return new ScanExpr.OnTimeframe(left.Column, left, tf);
            default:
                throw new ScanSyntaxException(t.Column, $"'.' names an output of an indicator call, but '{left}' is not one");
        }
    }

    private ScanExpr Prefix()
    {
        var t = Take();
        switch (t.Kind)
        {
            case ScanTokenKind.Number:
                return new ScanExpr.Number(t.Column, double.Parse(t.Text, NumberStyles.Float, CultureInfo.InvariantCulture));
            case ScanTokenKind.Unit:
                throw new ScanSyntaxException(t.Column, $"'{t.Text}' is not a number; a timeframe such as 1d only follows '@', and a product needs '*'");
            case ScanTokenKind.Minus:
                var operand = Expression(NegatePower);
                if (operand.Type != ScanValueType.Number)
                {
                    throw new ScanSyntaxException(operand.Column, $"'-' needs a number, but '{operand}' is a condition");
                }

                return operand is ScanExpr.Number n ? new ScanExpr.Number(t.Column, -n.Value) : new ScanExpr.Unary(t.Column, ScanOperator.Negate, operand);
            case ScanTokenKind.LeftParen:
                var inner = Expression(0);
                Expect(ScanTokenKind.RightParen, "')'");
                return inner;
            case ScanTokenKind.Identifier:
                return Name(t);
            default:
                throw new ScanSyntaxException(t.Column, $"expected a value but found {t.Describe()}");
        }
    }

    private ScanExpr Name(ScanToken t)
    {
        var name = t.Text;
        if (name == "not")
        {
            var operand = Expression(NotPower);
            if (operand.Type != ScanValueType.Boolean)
            {
                throw new ScanSyntaxException(operand.Column, $"'not' needs a condition, but '{operand}' is a number");
            }

            return new ScanExpr.Unary(t.Column, ScanOperator.Not, operand);
        }

        if (Array.IndexOf(Keywords, name) >= 0)
        {
            throw new ScanSyntaxException(t.Column, $"expected a value but found '{name}'");
        }

        var part = Array.IndexOf(PriceParts.Names, name);
        if (part >= 0)
        {
            return new ScanExpr.Field(t.Column, (PricePart)part);
        }

        if (Functions.TryGetValue(name, out var function))
        {
            return Call(t, function);
        }

        if (IndicatorCatalog.TryFind(name, out var definition))
        {
            return Indicator(t, definition);
        }

        var called = Peek.Kind == ScanTokenKind.LeftParen;
        var suggestion = ScanSuggestions.Closest(name, KnownNames);
        var kind = called ? "indicator" : "name";
        throw new ScanSyntaxException(t.Column, suggestion is null
            ? $"unknown {kind} '{name}'; fields are {string.Join(", ", PriceParts.Names)}, indicators are listed by 'marketintel indicators --list'"
            : $"unknown {kind} '{name}'; did you mean '{suggestion}'?");
    }

    private ScanExpr.Call Call(ScanToken t, ScanFunction function)
    {
        Expect(ScanTokenKind.LeftParen, $"'(' after {t.Text}");
        var first = Expression(0);
        RequireNumber(first, t.Text);
        ScanExpr.Call call;
        if (function is ScanFunction.Abs)
        {
            call = new ScanExpr.Call(t.Column, function, [first], 0);
        }
        else
        {
            Expect(ScanTokenKind.Comma, function is ScanFunction.Min or ScanFunction.Max ? "',' and a second value" : "',' and a period");
            if (function is ScanFunction.Min or ScanFunction.Max)
            {
                var second = Expression(0);
                RequireNumber(second, t.Text);
                call = new ScanExpr.Call(t.Column, function, [first, second], 0);
            }
            else
            {
                var p = Expect(ScanTokenKind.Number, "a whole-number period");
                if (!int.TryParse(p.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var period) || period < 1 || period > MaxOffset)
                {
                    throw new ScanSyntaxException(p.Column, $"{t.Text}: the period is a whole number 1..{MaxOffset}, not '{p.Text}'");
                }

                call = new ScanExpr.Call(t.Column, function, [first], period);
            }
        }

        Expect(ScanTokenKind.RightParen, "')'");
        return call;
    }

    private static void RequireNumber(ScanExpr e, string function)
    {
        if (e.Type != ScanValueType.Number)
        {
            throw new ScanSyntaxException(e.Column, $"{function} takes a number series, but '{e}' is a condition");
        }
    }

    private ScanExpr Indicator(ScanToken t, IndicatorDefinition definition)
    {
        if (definition.RequiresMarket)
        {
            throw new ScanSyntaxException(t.Column, $"'{definition.Name}' compares two series; a scan rule reads one symbol at a time");
        }

        var ps = definition.Parameters;
        var values = new double[ps.Count];
        for (var p = 0; p < ps.Count; p++)
        {
            values[p] = ps[p].Default;
        }

        if (Peek.Kind == ScanTokenKind.LeftParen)
        {
            Take();
            var index = 0;
            while (Peek.Kind != ScanTokenKind.RightParen)
            {
                if (index > 0)
                {
                    Expect(ScanTokenKind.Comma, "',' or ')'");
                }

                var negative = Peek.Kind == ScanTokenKind.Minus;
                var minus = negative ? Take() : default;
                var a = Take();
                var column = negative ? minus.Column : a.Column;
                if (a.Kind is not (ScanTokenKind.Number or ScanTokenKind.Identifier))
                {
                    throw new ScanSyntaxException(a.Column, $"expected a parameter of {definition.Name} but found {a.Describe()}");
                }

                if (index >= ps.Count)
                {
                    throw new ScanSyntaxException(column, $"{definition.Name} takes {ps.Count} parameter(s): {definition.Pattern}");
                }

                var text = negative ? "-" + a.Text : a.Text;
                try
                {
                    values[index] = ps[index].Parse(text);
                }
                catch (ArgumentException)
                {
                    throw new ScanSyntaxException(column, $"{definition.Name} {ps[index].Name}: '{text}' is not valid; it is {ps[index].Describe()}");
                }

                index++;
            }

            Take();
        }

        IndicatorArguments arguments;
        try
        {
            arguments = IndicatorCatalog.Arguments(definition, values);
        }
        catch (ArgumentException ex)
        {
            throw new ScanSyntaxException(t.Column, ex.Message);
        }

        var key = definition.Name + string.Concat(values.Select((v, p) => "_" + ps[p].FormatValue(v)));
        var spec = new IndicatorSpec(key, definition, arguments);
        var output = definition.Outputs[0];
        if (Peek.Kind == ScanTokenKind.Dot)
        {
            Take();
            var o = Expect(ScanTokenKind.Identifier, $"an output name of {definition.Name}");
            var name = o.Text;

            // Some outputs are dotted paths (candle.open): keep reading while a longer path still names outputs.
            while (Peek.Kind == ScanTokenKind.Dot && _tokens[_next + 1].Kind == ScanTokenKind.Identifier
                && definition.Outputs.Any(x => x.StartsWith(name + "." + _tokens[_next + 1].Text, StringComparison.OrdinalIgnoreCase)))
            {
                Take();
                name += "." + Take().Text;
            }

            if (!ScanOutputNames.TryResolve(definition, name, out output))
            {
                throw new ScanSyntaxException(o.Column, $"{definition.Name} has no output '{name}'; outputs are {string.Join(", ", definition.Outputs)}");
            }
        }

        return new ScanExpr.Indicator(t.Column, spec, output);
    }
}
