import type { components } from './generated/openapi';

/**
 * Shapes of the public /api routes. Where the OpenAPI document (functions/MarketIntel.Functions/openapi.json) has a
 * schema, the type is an alias of the one generated from it at build (src/generated/openapi.ts), so `tsc` fails when the
 * dashboard and the API disagree; the rest are written by hand until their routes declare response types (numbers there
 * may be "NaN" strings).
 */
type Schemas = components['schemas'];

/** `GET /api/health`: `status` is `ok`, or `degraded` when a store did not answer its probe (see `stores`). */
export type Health = Schemas['HealthResponse'];

/** One store's probe: `ok` or `degraded`, its latency and, when degraded, why. */
export type StoreHealth = Schemas['StoreHealth'];

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

export type RiskLimits = Schemas['RiskLimits'];

export type PaperSizing = Schemas['PaperSizing'];

export type PaperAccountSettings = Schemas['PaperAccountSettings'];

/**
 * The settings a new account is opened with (POST /api/paper/accounts). The document has no request schemas; this is the
 * response's settings with the sizing fields the API defaults left optional.
 */
export type PaperAccountSettingsBody = Omit<PaperAccountSettings, 'sizing'> & { sizing?: Partial<PaperSizing> };

export type PaperAccountIndexEntry = Schemas['PaperAccountIndexEntry'];

/** One limit's rule code, its threshold (null: not checked) and its use now. */
export type PaperLimitUsage = Schemas['PaperLimitUsage'];

export type PaperAccount = Schemas['PaperAccountView'];

export type PaperOrderEvent = Schemas['PaperOrderEventView'];

export type PaperOrder = Schemas['PaperOrderView'];

/** POST .../orders: the OpenAPI document has no request schemas (the handlers read their bodies themselves). */
export interface PaperOrderBody {
  clientOrderId: string; symbol: string; side: string; type: string; quantity: number; limitPrice?: number | null; stopPrice?: number | null;
  timeInForce?: string; stopLoss?: number | null; takeProfit?: number | null;
}

export type RiskCheck = Schemas['RiskCheck'];

export type RiskDecision = Schemas['RiskDecision'];

export type PaperOrderResult = Schemas['PaperOrderResult'];

export type PaperKillResult = Schemas['PaperKillResult'];

export type PaperPosition = Schemas['PaperPositionView'];

export type PaperFill = Schemas['PaperFillView'];

export type PaperEquityPoint = Schemas['PaperEquityPoint'];

/** POST /api/backtests: a built-in strategy (a /api/strategies name) over stored bars; every field but strategy and symbols has a default. */
export interface BacktestRequest {
  strategy: string; symbols: string[]; parameters?: Record<string, number>; timeframe?: string; bars?: number; fill?: string;
  commission?: number; slippage?: number; quantity?: number; capital?: number;
}

/** The engine's metrics; an undefined one (no trades, too few points) is null. */
export type BacktestMetrics = Schemas['BacktestMetricsView'];

/** One variant of a strategy tried (GET /api/backtests/{strategy}/trials): what the deflated Sharpe accounts for. */
export type BacktestTrial = Schemas['BacktestTrial'];

export type BacktestTrade = Schemas['BacktestTrade'];

export type BacktestReport = Schemas['BacktestReport'];
