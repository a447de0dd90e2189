/**
 * The seed's global view (`GET /api/global-flow`): regions and the flows between them.
 *
 *   region.stockIndex        the index level at asOf, in its own points
 *   region.stockChange       100 · (I_end / I_start - 1) over the range, percent
 *   region.currencyStrength  S_end / S_start over the range, S being the value of the currency: its FX
 *                            series (USD per unit) or a currency index (a dollar index for the USD). Above 1
 *                            the currency gained; 1 by definition for a region with neither (the base)
 *   region.bondYield         the yield at asOf, percent
 *   flow                     per asset type (each region's `legs`), every pair of regions holding it:
 *                            amount (USD) and netFlowPercent (points of the pair's combined value) from the
 *                            share shift of flows.ts, oriented from the region that lost share
 *
 * A leg's market value is in USD: its local price series scaled to `marketValue` at asOf, times the FX
 * change. A region whose index cannot serve the range is left out with its flows; a field that cannot
 * (monthly yields for 1D) is null and listed in `unavailable`, never filled in.
 */
import { formatEpochDay } from './calendar.js';
import { netFlowsBetween, shareShiftFlows, type DirectedFlow } from './flows.js';
import { holdingWindow, type HoldingWindow } from './holdings.js';
import {
  currencyInsight,
  flowChangeInsight,
  largestFlowAmong,
  stockMarketInsight,
  type Insight,
} from './insights.js';
import type { PreparedSeries, SourceLabel } from './series.js';
import { changeWindow, previousPeriodLabel, rangeStart, type TimeRange } from './time-range.js';
import { combinedSource, leftOut, type UnavailableItem, type ViewContext } from './view-context.js';

export interface RegionLegSpec {
  /** `equities`, `bonds`, ...: the flow's `assetType`. */
  assetType: string;
  /** A price level in the region's currency. */
  seriesId: string;
  /** USD at asOf. */
  marketValue: number;
}

export interface RegionSpec {
  id: string;
  name: string;
  currency: string;
  stockIndexSeriesId: string;
  /** USD per unit of the region's currency: converts its legs to USD. None for USD regions. */
  fxSeriesId?: string;
  /** What currencyStrength follows when not the FX series (a dollar index for the USD). */
  currencyIndexSeriesId?: string;
  bondYieldSeriesId?: string;
  legs: RegionLegSpec[];
}

export interface GlobalViewSpec {
  regions: RegionSpec[];
}

export interface Region {
  id: string;
  name: string;
  stockIndex: number;
  stockChange: number;
  currency: string;
  currencyStrength: number | null;
  bondYield: number | null;
  /** Synthetic when any field is; `fields` says which series each field came from. */
  source: SourceLabel & { fields: Record<string, SourceLabel> };
}

export interface Flow {
  source: string;
  target: string;
  amount: number;
  assetType: string;
  netFlowPercent: number;
}

export interface GlobalFlowView {
  timestamp: string;
  timeRange: TimeRange;
  asOf: string;
  regions: Region[];
  flows: Flow[];
  insights: string[];
  insightDetails: Insight[];
  unavailable: UnavailableItem[];
}

interface LegWindows {
  assetType: string;
  regionIds: string[];
  now: HoldingWindow[];
  previous: (HoldingWindow | undefined)[];
}

export function buildGlobalView(spec: GlobalViewSpec, range: TimeRange, ctx: ViewContext): GlobalFlowView {
  const { asOf } = ctx;
  const get = (id: string) => ctx.series.get(id)!;
  const unavailable: UnavailableItem[] = [];
  const regions: Region[] = [];
  const legs = new Map<string, LegWindows>();
  for (const r of spec.regions) {
    const index = get(r.stockIndexSeriesId);
    const stock = changeWindow(index, range, asOf);
    if (!stock.available) {
      unavailable.push(leftOut(r.id, stock));
      continue;
    }
    const fields: Record<string, SourceLabel> = { stockIndex: index.source, stockChange: index.source };
    const fx = r.fxSeriesId === undefined ? undefined : get(r.fxSeriesId);
    const strengthId = r.currencyIndexSeriesId ?? r.fxSeriesId;
    let currencyStrength: number | null = 1;
    fields.currencyStrength = { kind: 'real', name: 'base currency: 1 by definition' };
    if (strengthId !== undefined) {
      const series = get(strengthId);
      const w = changeWindow(series, range, asOf);
      currencyStrength = w.available ? 1 + w.change : null;
      if (w.available) fields.currencyStrength = series.source;
      else unavailable.push(leftOut(r.id, w, 'currencyStrength'));
    }
    let bondYield: number | null = null;
    if (r.bondYieldSeriesId !== undefined) {
      const series = get(r.bondYieldSeriesId);
      const w = changeWindow(series, range, asOf);
      if (w.available) {
        bondYield = w.endValue;
        fields.bondYield = series.source;
      } else unavailable.push(leftOut(r.id, w, 'bondYield'));
    }
    regions.push({
      id: r.id,
      name: r.name,
      stockIndex: stock.endValue,
      stockChange: 100 * stock.change,
      currency: r.currency,
      currencyStrength,
      bondYield,
      source: { ...combinedSource(Object.values(fields)), fields },
    });
    for (const leg of r.legs) collectLeg(legs, r, leg, get(leg.seriesId), fx, range, ctx, unavailable);
  }

  const flows: Flow[] = [];
  for (const leg of legs.values()) {
    const pairs = netFlowsBetween(
      leg.regionIds,
      Float64Array.from(leg.now, (w) => w.start),
      Float64Array.from(leg.now, (w) => w.end),
    );
    flows.push(...pairs.map((f: DirectedFlow) => ({ ...f, assetType: leg.assetType })));
  }
  const insightDetails = globalInsights(spec, regions, flows, [...legs.values()], range);
  return {
    timestamp: ctx.timestamp,
    timeRange: range,
    asOf: formatEpochDay(asOf),
    regions,
    flows: flows.map((f) => ({
      source: f.source,
      target: f.target,
      amount: f.amount,
      assetType: f.assetType,
      netFlowPercent: f.netFlowPercent,
    })),
    insights: insightDetails.map((i) => i.text),
    insightDetails,
    unavailable,
  };
}

function collectLeg(
  legs: Map<string, LegWindows>,
  region: RegionSpec,
  leg: RegionLegSpec,
  series: PreparedSeries,
  fx: PreparedSeries | undefined,
  range: TimeRange,
  ctx: ViewContext,
  unavailable: UnavailableItem[],
) {
  const holding = { series, marketValue: leg.marketValue, fx };
  const now = holdingWindow(holding, range, ctx.asOf, ctx.asOf);
  if (!now.available) {
    unavailable.push(leftOut(region.id, now, `flows.${leg.assetType}`));
    return;
  }
  const previous = holdingWindow(holding, range, rangeStart(range, ctx.asOf), ctx.asOf);
  const entry = legs.get(leg.assetType) ?? { assetType: leg.assetType, regionIds: [], now: [], previous: [] };
  entry.regionIds.push(region.id);
  entry.now.push(now);
  entry.previous.push(previous.available ? previous : undefined);
  legs.set(leg.assetType, entry);
}

/** Largest flow, largest change of a region's net flow against the previous period, stock markets, currencies. */
function globalInsights(
  spec: GlobalViewSpec,
  regions: Region[],
  flows: Flow[],
  legs: LegWindows[],
  range: TimeRange,
): Insight[] {
  const out: Insight[] = [];
  const name = (id: string) => spec.regions.find((r) => r.id === id)!.name;
  const largest = largestFlowAmong(
    flows,
    name,
    (f) => f.netFlowPercent,
    (f) => f.assetType,
  );
  if (largest) out.push(largest);
  let change: { name: string; now: number; previous: number } | undefined;
  for (const leg of legs) {
    if (leg.regionIds.length < 2 || leg.previous.some((w) => w === undefined)) continue;
    const now = shareShiftFlows(
      Float64Array.from(leg.now, (w) => w.start),
      Float64Array.from(leg.now, (w) => w.end),
    );
    const before = shareShiftFlows(
      Float64Array.from(leg.previous, (w) => w!.start),
      Float64Array.from(leg.previous, (w) => w!.end),
    );
    leg.regionIds.forEach((id, k) => {
      if (!change || Math.abs(now[k]! - before[k]!) > Math.abs(change.now - change.previous))
        change = { name: `${name(id)} ${leg.assetType}`, now: now[k]!, previous: before[k]! };
    });
  }
  if (change) out.push(flowChangeInsight({ ...change, period: previousPeriodLabel[range] }));
  if (regions.length > 1) {
    const byChange = [...regions].sort((a, b) => b.stockChange - a.stockChange);
    const [best, worst] = [byChange[0]!, byChange[byChange.length - 1]!];
    out.push(
      stockMarketInsight({
        bestName: best.name,
        bestChange: best.stockChange,
        worstName: worst.name,
        worstChange: worst.stockChange,
      }),
    );
  }
  const moved = regions
    .filter((r) => {
      const s = spec.regions.find((x) => x.id === r.id)!;
      return r.currencyStrength !== null && (s.fxSeriesId ?? s.currencyIndexSeriesId) !== undefined;
    })
    .sort((a, b) => Math.abs(b.currencyStrength! - 1) - Math.abs(a.currencyStrength! - 1))[0];
  if (moved) out.push(currencyInsight({ currency: moved.currency, strength: moved.currencyStrength! }));
  return out;
}
