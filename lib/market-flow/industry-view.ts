/**
 * The seed's industry view (`GET /api/industry-flow`): asset classes as nodes, every pair as an edge.
 *
 *   node.marketCap    USD at asOf (the spec's marketValue, or the series itself when it is a USD value)
 *   node.priceChange  100 · (P_end / P_start - 1) over the range, percent
 *   node.correlation  Pearson ρ of the node's returns with the reference node's (stocks by default: 1.0;
 *                     when the reference cannot serve the range, the first node that can, named in
 *                     `correlationReference`)
 *   node.volatility   annualised volatility of its returns, a fraction (0.15 = 15 %)
 *   edge.correlation  Pearson ρ of the pair's returns
 *   edge.netFlow      percentage points of the pair's combined value that moved source → target (flows.ts)
 *   edge.flowScore    the relative move in standard deviations (flows.ts)
 *   edge.strength     |flowScore| / the largest |flowScore| of the view: 1 for the most active edge
 *
 * Edges point from the class that lost share to the one that gained it, so netFlow and flowScore are never
 * negative. Statistics use the window of time-range.ts; a pair is compared at the coarser of its two
 * frequencies (pair-returns.ts). What a range cannot support is left out and listed in `unavailable`.
 */
import {
  flowChangeInsight,
  correlationInsight,
  largestFlowAmong,
  volatilityInsight,
  type Insight,
} from './insights.js';
import { flowScore, pairNetFlow, shareShiftFlows } from './flows.js';
import { holdingWindow, type HoldingWindow } from './holdings.js';
import { correlationOf, pairCorrelation, pairReturns, relativeVolatility } from './pair-returns.js';
import type { PreparedSeries, SourceLabel } from './series.js';
import { annualisedVolatility } from './statistics.js';
import {
  previousPeriodLabel,
  rangeStart,
  statisticsReturns,
  type TimeRange,
  type Unavailable,
} from './time-range.js';
import { formatEpochDay } from './calendar.js';
import { leftOut, type UnavailableItem, type ViewContext } from './view-context.js';

export interface IndustryNodeSpec {
  id: string;
  name: string;
  seriesId: string;
  /** USD at asOf; omitted when the series is a USD market value. */
  marketValue?: number;
}

export interface IndustryViewSpec {
  nodes: IndustryNodeSpec[];
  /** The node every node's `correlation` is measured against; default the first (stocks). */
  referenceNodeId?: string;
}

export interface IndustryNode {
  id: string;
  name: string;
  marketCap: number;
  priceChange: number;
  correlation: number;
  volatility: number;
  source: SourceLabel;
}

export interface IndustryEdge {
  source: string;
  target: string;
  strength: number;
  correlation: number;
  netFlow: number;
  flowScore: number;
}

export interface IndustryFlowView {
  timestamp: string;
  timeRange: TimeRange;
  asOf: string;
  /** The node every node's correlation is measured against (the reference, or a stand-in when it is out). */
  correlationReference: string | null;
  nodes: IndustryNode[];
  edges: IndustryEdge[];
  /** The seed's plain sentences; `insightDetails` has the same sentences with their figures. */
  insights: string[];
  insightDetails: Insight[];
  unavailable: UnavailableItem[];
}

interface LiveNode {
  spec: IndustryNodeSpec;
  series: PreparedSeries;
  window: HoldingWindow;
  volatility: number;
}

export function buildIndustryView(
  spec: IndustryViewSpec,
  range: TimeRange,
  ctx: ViewContext,
): IndustryFlowView {
  const { asOf, options } = ctx;
  const unavailable: UnavailableItem[] = [];
  const live: LiveNode[] = [];
  for (const node of spec.nodes) {
    const series = ctx.series.get(node.seriesId)!;
    const window = holdingWindow({ series, marketValue: node.marketValue }, range, asOf, asOf);
    const stats = window.available ? statisticsReturns(series, range, asOf, options.minReturns) : window;
    if (!stats.available) {
      unavailable.push(leftOut(node.id, stats));
      continue;
    }
    if (!window.available) continue; // stats is the window's reason then
    live.push({
      spec: node,
      series,
      window,
      volatility: annualisedVolatility(stats.returns, series.periodsPerYear),
    });
  }
  // The reference falls back to the first node that can serve the range and moves (so has a correlation).
  const movesAlone = (n: LiveNode) =>
    pairCorrelation(n.series, n.series, range, asOf, options.minReturns).available;
  const preferred = live.find((n) => n.spec.id === (spec.referenceNodeId ?? spec.nodes[0]?.id));
  const reference = preferred && movesAlone(preferred) ? preferred : live.find(movesAlone);
  const nodes: IndustryNode[] = [];
  const kept: LiveNode[] = [];
  for (const n of live) {
    const rho = reference
      ? pairCorrelation(n.series, reference.series, range, asOf, options.minReturns)
      : pairCorrelation(n.series, n.series, range, asOf, options.minReturns);
    if (!rho.available) {
      unavailable.push(leftOut(n.spec.id, rho, 'correlation'));
      continue;
    }
    kept.push(n);
    nodes.push({
      id: n.spec.id,
      name: n.spec.name,
      marketCap: n.window.end,
      priceChange: 100 * n.window.priceChange,
      correlation: rho.correlation,
      volatility: n.volatility,
      source: n.series.source,
    });
  }

  const years = (asOf - rangeStart(range, asOf)) / 365.25;
  const edges: (IndustryEdge & { amount: number })[] = [];
  for (let i = 0; i < kept.length; i++) {
    for (let j = i + 1; j < kept.length; j++) {
      const [a, b] = [kept[i]!, kept[j]!];
      const pair = pairReturns(a.series, b.series, range, asOf, options.minReturns);
      const rho = pair.available ? correlationOf(pair, a.series, b.series) : pair;
      if (!pair.available || !rho.available) {
        unavailable.push(leftOut(`${a.spec.id}-${b.spec.id}`, rho as Unavailable));
        continue;
      }
      const flow = pairNetFlow(a.window.start, a.window.end, b.window.start, b.window.end);
      const score = flowScore(b.window.logReturn - a.window.logReturn, relativeVolatility(pair), years);
      const forward = flow.shareShift >= 0;
      edges.push({
        source: forward ? a.spec.id : b.spec.id,
        target: forward ? b.spec.id : a.spec.id,
        strength: 0,
        correlation: rho.correlation,
        netFlow: 100 * Math.abs(flow.shareShift),
        flowScore: Math.abs(score),
        amount: Math.abs(flow.amount),
      });
    }
  }
  const strongest = Math.max(0, ...edges.map((e) => e.flowScore));
  for (const e of edges) e.strength = strongest > 0 ? e.flowScore / strongest : 0;

  const insightDetails = industryInsights(kept, edges, range, ctx);
  return {
    timestamp: ctx.timestamp,
    timeRange: range,
    asOf: formatEpochDay(asOf),
    correlationReference: reference?.spec.id ?? null,
    nodes,
    edges: edges.map(({ amount: _amount, ...edge }) => edge),
    insights: insightDetails.map((i) => i.text),
    insightDetails,
    unavailable,
  };
}

/** Flow change against the previous period, strongest inverse and positive correlations, largest flow, most volatile. */
function industryInsights(
  nodes: LiveNode[],
  edges: (IndustryEdge & { amount: number })[],
  range: TimeRange,
  ctx: ViewContext,
): Insight[] {
  const out: Insight[] = [];
  const name = (id: string) => nodes.find((n) => n.spec.id === id)!.spec.name;
  const order = (id: string) => nodes.findIndex((n) => n.spec.id === id);
  const change = largestFlowChange(nodes, range, ctx);
  if (change) out.push(flowChangeInsight({ ...change, period: previousPeriodLabel[range] }));
  const byCorrelation = [...edges].sort((x, y) => x.correlation - y.correlation);
  // Later-listed class first, as the seed words it ("Crypto ... with Bonds").
  const pairNames = (e: IndustryEdge) => {
    const [first, second] = order(e.source) > order(e.target) ? [e.source, e.target] : [e.target, e.source];
    return { name: name(first), otherName: name(second) };
  };
  const inverse = byCorrelation[0];
  if (inverse && inverse.correlation < 0)
    out.push(
      correlationInsight({ kind: 'inverse', ...pairNames(inverse), correlation: inverse.correlation }),
    );
  const positive = byCorrelation[byCorrelation.length - 1];
  if (positive && positive.correlation > 0)
    out.push(
      correlationInsight({ kind: 'positive', ...pairNames(positive), correlation: positive.correlation }),
    );
  const largest = largestFlowAmong(edges, name, (e) => e.netFlow);
  if (largest) out.push(largest);
  const volatile = [...nodes].sort((x, y) => y.volatility - x.volatility)[0];
  if (volatile && nodes.length > 1)
    out.push(volatilityInsight({ name: volatile.spec.name, volatility: volatile.volatility }));
  return out;
}

/** The node whose net flow (USD, share shift among the view's nodes) changed most against the previous period. */
function largestFlowChange(
  nodes: LiveNode[],
  range: TimeRange,
  ctx: ViewContext,
): { name: string; now: number; previous: number } | undefined {
  if (nodes.length < 2) return undefined;
  const previousEnd = rangeStart(range, ctx.asOf);
  const previous = nodes.map((n) =>
    holdingWindow({ series: n.series, marketValue: n.spec.marketValue }, range, previousEnd, ctx.asOf),
  );
  // The previous period is compared only over the same set of nodes, or its shares would mean something else.
  if (!previous.every((w) => w.available)) return undefined;
  const now = shareShiftFlows(
    Float64Array.from(nodes, (n) => n.window.start),
    Float64Array.from(nodes, (n) => n.window.end),
  );
  const before = shareShiftFlows(
    Float64Array.from(previous, (w) => (w as HoldingWindow).start),
    Float64Array.from(previous, (w) => (w as HoldingWindow).end),
  );
  let best = 0;
  for (let k = 1; k < nodes.length; k++)
    if (Math.abs(now[k]! - before[k]!) > Math.abs(now[best]! - before[best]!)) best = k;
  return { name: nodes[best]!.spec.name, now: now[best]!, previous: before[best]! };
}
