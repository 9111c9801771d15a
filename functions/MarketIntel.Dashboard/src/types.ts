/** Shapes of the public /api routes (docs: api-contract; OpenAPI at /api/openapi.json). Numbers may be "NaN" strings. */
export interface Health { status: string; version: string; host: string; time: string }

export interface Watchlist { name: string; symbols: string[] }

export interface Bar { time: string; open: number; high: number; low: number; close: number; volume: number; trades: number }

export interface BarsResponse { symbol: string; timeframe: string; from: string; to: string; bars: Bar[]; continuationToken: string | null }

export interface IndicatorParameter { name: string; default: number | null; min: number | null; max: number | null }

export interface IndicatorInfo { name: string; title: string; category: string; overlay: boolean; parameters: IndicatorParameter[]; outputs: string[]; example: string }

export interface IndicatorColumn { name: string; values: (number | string | null)[] }

export interface IndicatorSeries { spec: string; name: string; title: string; overlay: boolean; warmUp: number; columns: IndicatorColumn[] }

export interface IndicatorsResponse { symbol: string; timeframe: string; times: string[]; indicators: IndicatorSeries[] }

export interface Strategy { name: string; title: string; parameters: { name: string; default: unknown }[] }

/** A run's status, as every route that reports a run spells it; all but `running` are final (polling stops). */
export type RunStatus = 'running' | 'completed' | 'failed' | 'interrupted';

export interface Accepted { id: string; status: RunStatus; statusUrl: string }

export interface ScanSummary { id: string; name: string; status: RunStatus; createdAt: string; completedAt: string | null; symbols: number; setups: number | null; reason: string | null }

/** The fields of GET /api/scans/{id} the launcher follows; `reason` says why a failed or interrupted scan stopped. */
export interface ScanRunStatus { id: string; name: string; status: RunStatus; reason?: string | null }

export interface Component { name: string; raw?: number; value: number; weight: number; contribution?: number; explanation?: string }

export interface Outcome { return1: number | null; return5: number | null; return20: number | null; maxFavorable: number | null; maxAdverse: number | null; exit: string; exitBars: number | null; exitPrice: number | null; r: number | null }

export interface Setup {
  scan: string; symbol: string; time: string; side: 'Long' | 'Short'; entry: number; stop: number; target: number; riskPerShare: number;
  score: number; components: Component[]; outcome: Outcome | null; overlapping: boolean;
}

export interface SetupsResponse { scan: string; createdAt: string; setups: Setup[] }

export interface Interval { lower?: number; upper?: number; low?: number; high?: number }

export interface OutcomeStatistics {
  setups: number; overlapping: number; open: number; counted: number; hits: number; stops: number; targets: number; horizonExits: number;
  hitRate: number; hitRateInterval: Interval | null; averageR: number; averageRInterval: Interval | null; expectancy: number;
  meanReturn1: number; meanReturn5: number; meanReturn20: number;
}

export interface OutcomesResponse { scan: string; statistics: OutcomeStatistics | null; setups: Setup[] }

export interface Regimes {
  symbol: string; timeframe: string; states: number; times: string[]; filtered: number[][]; viterbi: number[]; labels: string[];
  transition: number[][]; means: number[]; volatilities: number[]; current: { state: number; label: string; probability: number } | null;
}

export interface Run { runId: string; kind: string; status: RunStatus; startedUtc: string; finishedUtc: string; summary: string | null; reason?: string | null }

export interface SystemEvent { time: string; type: string; level?: string; severity?: string; source: string; symbol: string | null; message: string }

export interface TailRisk { confidence: number; tailCount: number; valueAtRisk: number; conditionalValueAtRisk: number; maxDrawdownQuantile: number }

export interface MonteCarloReport {
  terminalMean: number; terminalStandardDeviation: number; terminalMin: number; terminalMax: number;
  tail: TailRisk[]; losses: { threshold: number; paths: number; probability: number }[];
  histogram: { edges: number[]; counts: number[]; underflow: number; overflow: number };
  drawdownMean: number; drawdownHistogram: number[]; sharpeMean: number; sharpeLow: number; sharpeHigh: number; sharpePaths: number;
  /** Optional: sample paths (cumulative simple returns per step) when the API includes them. */
  samplePaths?: number[][];
}

export interface MonteCarloInputs { model: string; mu?: number; sigma?: number; horizon: number; paths: number; batches?: number; seed?: number }

export interface MonteCarloStatus { id: string; status: RunStatus; createdAt: string; codeVersion: string; inputs: MonteCarloInputs; report: MonteCarloReport | null; reason: string | null }

export interface Problem { type?: string; title?: string; status?: number; detail?: string; parameter?: string }

/** Paper trading (/api/paper/accounts...): wire names are lower snake case (`buy`, `stop_limit`, `partially_filled`). */
export type TradingState = 'active' | 'reducing' | 'halted';

export type KillLevel = 'block_entries' | 'cancel_all' | 'flatten_all';

export interface RiskLimits {
  allowShort?: boolean; maxPosition?: number | null; maxOrderNotional?: number | null; maxGrossExposure?: number | null; maxOpenPositions?: number | null;
  priceCollar?: number | null; maxOrdersPerMinute?: number | null; dailyLossLimit?: number | null; maxDrawdown?: number | null;
}

export interface PaperSizing { rule?: string; quantity?: number | null; riskFraction?: number; atrMultiple?: number; kellyCap?: number }

export interface PaperAccountSettings {
  name?: string; startingCash?: number; timeframe?: string; commissionPerFill?: number; commissionPerUnit?: number; slippage?: number;
  maxParticipation?: number | null; fractional?: boolean; limits?: RiskLimits; sizing?: PaperSizing;
}

export interface PaperAccountIndexEntry { id: string; name: string; timeframe: string; watchedSymbols: string[] }

/** One limit's rule code, its threshold (null: not checked) and its use now. */
export interface PaperLimitUsage { rule: string; limit: number | null; used: number }

export interface PaperAccount {
  id: string; name: string; opened: string; timeframe: string; startingCash: number; cash: number; equity: number; dayPnl: number;
  realizedPnl: number; unrealizedPnl: number; grossExposure: number; openPositions: number; workingOrders: number;
  tradingState: TradingState; killSwitch: 'off' | KillLevel; breaker: string | null; breakerTrippedAt: string | null;
  highWaterMark: number; drawdown: number; journalSequence: number; limits: PaperLimitUsage[]; settings: PaperAccountSettings;
}

export interface PaperOrderEvent { kind: string; time: string; from: string; to: string; quantity: number | null; price: number | null; reason: string | null }

export interface PaperOrder {
  clientOrderId: string; symbol: string; side: 'buy' | 'sell'; type: 'market' | 'limit' | 'stop' | 'stop_limit'; quantity: number;
  limitPrice: number | null; stopPrice: number | null; timeInForce: 'day' | 'gtc' | 'ioc'; origin: string; status: string;
  filledQuantity: number; averagePrice: number | null; reason: string | null; created: string; events: PaperOrderEvent[] | null;
}

export interface PaperOrderBody {
  clientOrderId: string; symbol: string; side: string; type: string; quantity: number; limitPrice?: number | null; stopPrice?: number | null;
  timeInForce?: string; stopLoss?: number | null; takeProfit?: number | null;
}

export interface RiskCheck { rule: string; passed: boolean; inputs: Record<string, number>; thresholds: Record<string, number> }

export interface RiskDecision { orderId: string; time: string; accepted: boolean; reason: string | null; checks: RiskCheck[] }

export interface PaperOrderResult { order: PaperOrder; duplicate: boolean; decision: RiskDecision | null }

export interface PaperKillResult { account: PaperAccount; flattenOrders: PaperOrder[] }

export interface PaperPosition { symbol: string; quantity: number; averagePrice: number; lastPrice: number | null; marketValue: number; unrealizedPnl: number; realizedPnl: number }

export interface PaperFill { orderId: string; symbol: string; time: string; side: string; quantity: number; price: number; commission: number }

export interface PaperEquityPoint { time: string; cash: number; equity: number; drawdown: number }

/** POST /api/backtests: a built-in strategy (a /api/strategies name) over stored bars; every field but strategy and symbols has a default. */
export interface BacktestRequest {
  strategy: string; symbols: string[]; parameters?: Record<string, number>; timeframe?: string; bars?: number; fill?: string;
  commission?: number; slippage?: number; quantity?: number; capital?: number;
}

/** The engine's metrics; non-finite values (no trades, too few bars) arrive as "NaN" strings. */
export interface BacktestMetrics {
  initialCapital: number; finalEquity: number; totalReturn: number; annualizedReturn: number; volatility: number; sharpe: number; sortino: number;
  calmar: number; maxDrawdown: number; maxDrawdownBars: number; maxDrawdownDuration: string; longestDrawdownBars: number; tradeCount: number;
  winRate: number; profitFactor: number; expectancy: number; exposure: number; turnover: number; periodsPerYear: number; periods: number;
  sharpePerPeriod: number; skewness: number; kurtosis: number; probabilisticSharpe: number; trials: number; deflatedSharpe: number;
}

/** One variant of a strategy tried (GET /api/backtests/{strategy}/trials): what the deflated Sharpe accounts for. */
export interface BacktestTrial {
  variant: string; strategy: string; parameters: Record<string, number>; timeframe: string; symbols: number; fill: string;
  sharpePerPeriod: number | null; sharpe: number | null; totalReturn: number | null; trades: number; runAt: string;
}

export interface BacktestTrade {
  symbol: string; side: number; signalTime: string; entryTime: string; entryPrice: number; exitTime: string; exitPrice: number;
  quantity: number; commission: number; pnl: number; closedAtEnd: boolean;
}

export interface BacktestReport {
  variant: string; strategy: string; rules: string; parameters: Record<string, number>; timeframe: string; symbols: string[]; missing: string[];
  from: string | null; to: string | null; metrics: BacktestMetrics; trialSharpeVariance: number | null; recentTrades: BacktestTrade[];
  trials: BacktestTrial[]; codeVersion: string;
}
