import type { components } from './generated/openapi';

/**
 * Shapes of the public /api routes: aliases of the types generated at build (src/generated/openapi.ts) from the OpenAPI
 * document (functions/MarketIntel.Functions/openapi.json, kept equal to the hosts' live document by a test), so `tsc`
 * fails when the dashboard and the API disagree. Numbers of scan results may be "NaN" (open setups, undefined
 * statistics): the generated types say so, and format.ts treats them as missing. Only the Monte Carlo report, which the
 * API passes through as stored JSON, is still written by hand here.
 */
type Schemas = components['schemas'];

/** `GET /api/health`: `status` is `ok`, or `degraded` when a store did not answer its probe (see `stores`). */
export type Health = Schemas['HealthResponse'];

/** One store's probe: `ok` or `degraded`, its latency and, when degraded, why. */
export type StoreHealth = Schemas['StoreHealth'];

export type Watchlist = Schemas['Watchlist'];

export type Bar = Schemas['BarDto'];

export type BarsResponse = Schemas['BarsResponse'];

export type IndicatorParameter = Schemas['IndicatorParameterInfo'];

export type IndicatorInfo = Schemas['IndicatorInfo'];

export type IndicatorColumn = Schemas['IndicatorColumnValues'];

export type IndicatorSeries = Schemas['IndicatorSeries'];

export type IndicatorsResponse = Schemas['IndicatorsResponse'];

export type Strategy = Schemas['StrategyInfo'];

/** A run's status, as every route that reports a run spells it; all but `running` are final (polling stops). */
export type RunStatus = Schemas['RunStatus'];

/** The 202 of a started scan or Monte Carlo run. */
export type Accepted = Schemas['RunAccepted'];

export type ScanSummary = Schemas['ScanSummary'];

/** GET /api/scans/{id}: the launcher follows its status; `reason` says why a failed or interrupted scan stopped. */
export type ScanRunStatus = Schemas['ScanRunDocument'];

/** POST /api/scans: a built-in strategy or a definition; the API fills in what is left out. */
export type ScanRequestBody = Partial<Schemas['ScanRequest']>;

export type Component = Schemas['ScoreComponent'];

export type Outcome = Schemas['SetupOutcome'];

export type Setup = Schemas['TradeSetup'];

export type SetupsResponse = Schemas['ScanSetupsResponse'];

export type Interval = Schemas['ConfidenceInterval'];

export type OutcomeStatistics = Schemas['ScanStatistics'];

export type OutcomesResponse = Schemas['ScanOutcomesResponse'];

export type Regimes = Schemas['RegimeResponse'];

export type Run = Schemas['RunRecord'];

export type SystemEvent = Schemas['SystemEventDto'];

export type Metrics = Schemas['MetricsResponse'];

export type IndicatorSnapshot = Schemas['IndicatorSnapshot'];

export interface TailRisk { confidence: number; tailCount: number; valueAtRisk: number; conditionalValueAtRisk: number; maxDrawdownQuantile: number }

/** The stored report of a completed Monte Carlo run; the API passes it through as JSON (no schema), so it is written by hand. */
export interface MonteCarloReport {
  terminalMean: number; terminalStandardDeviation: number; terminalMin: number; terminalMax: number;
  tail: TailRisk[]; losses: { threshold: number; paths: number; probability: number }[];
  histogram: { edges: number[]; counts: number[]; underflow: number; overflow: number };
  drawdownMean: number; drawdownHistogram: number[]; sharpeMean: number; sharpeLow: number; sharpeHigh: number; sharpePaths: number;
  /** Optional: sample paths (cumulative simple returns per step) when the API includes them. */
  samplePaths?: number[][];
}

/** POST /api/risk/montecarlo; echoed as a run's inputs. */
export type MonteCarloInputs = Schemas['MonteCarloJob'];

/** A run echoes its inputs with every field the API defaulted filled in. */
export type MonteCarloStatus = Omit<Schemas['MonteCarloStatus'], 'inputs' | 'report'> & { inputs: Required<MonteCarloInputs>; report: MonteCarloReport | null };

/** An error: RFC 7807, with the field at fault on a 400. */
export type Problem = Schemas['ProblemDetails'] & { parameter?: string };

/** Paper trading (/api/paper/accounts...): wire names are lower snake case (`buy`, `stop_limit`, `partially_filled`). */
export type TradingState = 'active' | 'reducing' | 'halted';

export type KillLevel = 'block_entries' | 'cancel_all' | 'flatten_all';

/** POST .../kill. */
export type PaperKillBody = Schemas['PaperKillRequest'] & { level: KillLevel };

/** POST .../setups: trade a setup of a scan (the latest completed one when `scan` is left out). */
export type PaperTradeSetupBody = Pick<Schemas['PaperTradeSetupRequest'], 'symbol'> & Partial<Schemas['PaperTradeSetupRequest']>;

export type RiskLimits = Schemas['RiskLimits'];

export type PaperSizing = Schemas['PaperSizing'];

export type PaperAccountSettings = Schemas['PaperAccountSettings'];

/** The settings a new account is opened with (POST /api/paper/accounts): the API defaults the sizing fields left out. */
export type PaperAccountSettingsBody = Omit<PaperAccountSettings, 'sizing'> & { sizing?: Partial<PaperSizing> };

export type PaperAccountIndexEntry = Schemas['PaperAccountIndexEntry'];

/** One limit's rule code, its threshold (null: not checked) and its use now. */
export type PaperLimitUsage = Schemas['PaperLimitUsage'];

export type PaperAccount = Schemas['PaperAccountView'];

export type PaperOrderEvent = Schemas['PaperOrderEventView'];

export type PaperOrder = Schemas['PaperOrderView'];

/** POST .../orders: the fields the API defaults (time in force, prices) may be left out. */
export type PaperOrderBody = Pick<Schemas['PaperOrderBody'], 'clientOrderId' | 'symbol' | 'side' | 'type' | 'quantity'> & Partial<Schemas['PaperOrderBody']>;

export type RiskCheck = Schemas['RiskCheck'];

export type RiskDecision = Schemas['RiskDecision'];

export type PaperOrderResult = Schemas['PaperOrderResult'];

export type PaperKillResult = Schemas['PaperKillResult'];

export type PaperPosition = Schemas['PaperPositionView'];

export type PaperFill = Schemas['PaperFillView'];

export type PaperEquityPoint = Schemas['PaperEquityPoint'];

/** POST /api/backtests: a built-in strategy (a /api/strategies name) over stored bars; every field but strategy and symbols has a default. */
export type BacktestRequest = Pick<Schemas['BacktestRequest'], 'strategy' | 'symbols'> & Partial<Schemas['BacktestRequest']>;

/** The engine's metrics; an undefined one (no trades, too few points) is null. */
export type BacktestMetrics = Schemas['BacktestMetricsView'];

/** One variant of a strategy tried (GET /api/backtests/{strategy}/trials): what the deflated Sharpe accounts for. */
export type BacktestTrial = Schemas['BacktestTrial'];

export type BacktestTrade = Schemas['BacktestTrade'];

export type BacktestReport = Schemas['BacktestReport'];

/** An automation switch (GET/PUT /api/automation): off by default; `stoppedBy` says what switched it off. */
export type AutomationRule = Schemas['AutomationRule'];

/** PUT /api/automation/{account}/{strategy}. */
export type AutomationSwitch = Schemas['AutomationSwitch'];

/** What automation did with one setup: submitted, rejected (risk rule) or skipped (cap, kill switch, sizing). */
export type AutomationDecision = Schemas['AutomationDecision'];

/** A broker connection with its live state and last reconciliation (never its credentials). */
export type BrokerConnection = Schemas['BrokerConnectionView'];

export type BrokerReconciliationReport = Schemas['BrokerReconciliationReport'];

/** Where an OAuth2 connection's tokens stand (never the tokens). */
export type BrokerTokenStatus = Schemas['BrokerTokenStatus'];

/** GET /api/brokers/{name}/authorize: the venue's consent page and the state its answer must carry. */
export type BrokerAuthorizationStart = Schemas['BrokerAuthorizationStart'];
