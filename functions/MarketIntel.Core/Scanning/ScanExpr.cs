using System.Globalization;
using System.Text;
using MarketIntel.Core.Indicators;
using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Scanning;

/// <summary>
/// The syntax tree of a rule. <see cref="Column"/> is where the node starts in the rule text (1-based) so that later
/// stages can still point at it; <see cref="ToString"/> prints the canonical form (lower case, all indicator
/// parameters spelled out, minimal parentheses), which also names result columns.
/// </summary>
public abstract record ScanExpr(int Column)
{
    public abstract ScanValueType Type { get; }

    /// <summary>Binding strength used to print minimal parentheses (higher binds tighter).</summary>
    internal virtual int Precedence => 10;

    public sealed override string ToString()
    {
        var text = new StringBuilder();
        Write(text);
        return text.ToString();
    }

    internal abstract void Write(StringBuilder text);

    internal static void WriteChild(StringBuilder text, ScanExpr child, int minimum)
    {
        if (child.Precedence < minimum)
        {
            text.Append('(');
            child.Write(text);
            text.Append(')');
        }
        else
        {
            child.Write(text);
        }
    }

    public sealed record Number(int Column, double Value) : ScanExpr(Column)
    {
        public override ScanValueType Type => ScanValueType.Number;

        internal override void Write(StringBuilder text) => text.Append(Value.ToString("R", CultureInfo.InvariantCulture));
    }

    public sealed record Field(int Column, PricePart Part) : ScanExpr(Column)
    {
        public override ScanValueType Type => ScanValueType.Number;

        internal override void Write(StringBuilder text) => text.Append(PriceParts.Names[(int)Part]);
    }

    /// <summary>One output column of a catalog indicator; <see cref="Output"/> is the catalog column name.</summary>
    public sealed record Indicator(int Column, IndicatorSpec Spec, string Output) : ScanExpr(Column)
    {
        public override ScanValueType Type => ScanValueType.Number;

        /// <summary>Key of the evaluated indicator (all parameters), shared by every output of it.</summary>
        public string SpecKey => Spec.Text;

        internal override void Write(StringBuilder text)
        {
            var d = Spec.Definition;
            text.Append(d.Name);
            if (d.Parameters.Count > 0)
            {
                text.Append('(');
                for (var p = 0; p < d.Parameters.Count; p++)
                {
                    text.Append(p == 0 ? string.Empty : ",").Append(d.Parameters[p].FormatValue(Spec.Arguments.Values[p]));
                }

                text.Append(')');
            }

            if (Output != d.Outputs[0])
            {
                text.Append('.').Append(Output);
            }
        }
    }

    public sealed record Unary(int Column, ScanOperator Operator, ScanExpr Operand) : ScanExpr(Column)
    {
        public override ScanValueType Type => Operator == ScanOperator.Not ? ScanValueType.Boolean : ScanValueType.Number;

        internal override int Precedence => Operator == ScanOperator.Not ? 3 : 7;

        internal override void Write(StringBuilder text)
        {
            text.Append(Operator == ScanOperator.Not ? "not " : "-");
            WriteChild(text, Operand, Precedence);
        }
    }

    public sealed record Binary(int Column, ScanOperator Operator, ScanExpr Left, ScanExpr Right) : ScanExpr(Column)
    {
        public override ScanValueType Type => Operator is ScanOperator.Add or ScanOperator.Subtract or ScanOperator.Multiply or ScanOperator.Divide
            ? ScanValueType.Number
            : ScanValueType.Boolean;

        internal override int Precedence => PrecedenceOf(Operator);

        internal static int PrecedenceOf(ScanOperator op) => op switch
        {
            ScanOperator.Or => 1,
            ScanOperator.And => 2,
            ScanOperator.Add or ScanOperator.Subtract => 5,
            ScanOperator.Multiply or ScanOperator.Divide => 6,
            _ => 4,
        };

        internal static string Symbol(ScanOperator op) => op switch
        {
            ScanOperator.Add => "+",
            ScanOperator.Subtract => "-",
            ScanOperator.Multiply => "*",
            ScanOperator.Divide => "/",
            ScanOperator.Less => "<",
            ScanOperator.LessEqual => "<=",
            ScanOperator.Greater => ">",
            ScanOperator.GreaterEqual => ">=",
            ScanOperator.Equal => "==",
            ScanOperator.NotEqual => "!=",
            ScanOperator.CrossesAbove => "crosses_above",
            ScanOperator.CrossesBelow => "crosses_below",
            ScanOperator.And => "and",
            ScanOperator.Or => "or",
            _ => op.ToString(),
        };

        internal override void Write(StringBuilder text)
        {
            // Left-associative: the right child needs parentheses at equal strength (a - (b - c)).
            WriteChild(text, Left, Precedence);
            text.Append(' ').Append(Symbol(Operator)).Append(' ');
            WriteChild(text, Right, Precedence + 1);
        }
    }

    /// <summary>The value <see cref="Bars"/> bars back (<c>close[1]</c>); undefined for the first bars.</summary>
    public sealed record Offset(int Column, ScanExpr Inner, int Bars) : ScanExpr(Column)
    {
        public override ScanValueType Type => Inner.Type;

        internal override int Precedence => 8;

        internal override void Write(StringBuilder text)
        {
            WriteChild(text, Inner, 8);
            text.Append('[').Append(Bars.ToString(CultureInfo.InvariantCulture)).Append(']');
        }
    }

    /// <summary>A function call; <see cref="Period"/> is the window of window functions, 0 otherwise.</summary>
    public sealed record Call(int Column, ScanFunction Function, IReadOnlyList<ScanExpr> Arguments, int Period) : ScanExpr(Column)
    {
        public override ScanValueType Type => ScanValueType.Number;

        internal override void Write(StringBuilder text)
        {
            text.Append(Function.ToString().ToLowerInvariant()).Append('(');
            for (var a = 0; a < Arguments.Count; a++)
            {
                text.Append(a == 0 ? string.Empty : ", ");
                Arguments[a].Write(text);
            }

            if (Period > 0)
            {
                text.Append(", ").Append(Period.ToString(CultureInfo.InvariantCulture));
            }

            text.Append(')');
        }
    }

    /// <summary><see cref="Inner"/> evaluated on bars resampled to <see cref="Timeframe"/>, visible once each such bar has closed.</summary>
    public sealed record OnTimeframe(int Column, ScanExpr Inner, Timeframe Timeframe) : ScanExpr(Column)
    {
        public override ScanValueType Type => Inner.Type;

        internal override int Precedence => 8;

        internal override void Write(StringBuilder text)
        {
            WriteChild(text, Inner, 8);
            text.Append('@').Append(Timeframe.ToString());
        }
    }
}
