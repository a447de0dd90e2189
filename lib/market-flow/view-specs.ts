/**
 * The views' specs checked against the series before anything is computed: unique ids, series that
 * exist and are of the right kind (prices for nodes, legs and FX; rates for yields), positive market
 * values. Each problem names its field, e.g. `global.regions[2].legs[0].marketValue`.
 */
import { MarketFlowInputError } from './errors.js';
import type { GlobalViewSpec } from './global-view.js';
import type { IndustryViewSpec } from './industry-view.js';
import type { PreparedSeries, SeriesKind } from './series.js';

/** The series the views use, in the order the specs name them. */
export function checkViewSpecs(
  industry: IndustryViewSpec,
  global: GlobalViewSpec,
  series: ReadonlyMap<string, PreparedSeries>,
): PreparedSeries[] {
  const used = new Set<PreparedSeries>();
  const need = (field: string, id: unknown, kind: SeriesKind) => {
    const s = typeof id === 'string' ? series.get(id) : undefined;
    if (!s) throw new MarketFlowInputError(field, `names no series (${JSON.stringify(id)})`);
    if (s.kind !== kind)
      throw new MarketFlowInputError(field, `${s.id} is a ${s.kind} series, a ${kind} series is needed`);
    used.add(s);
  };
  const positive = (field: string, x: unknown) => {
    if (!(typeof x === 'number' && Number.isFinite(x) && x > 0))
      throw new MarketFlowInputError(field, `must be a positive number of USD, got ${JSON.stringify(x)}`);
  };
  const unique = (field: string, ids: string[]) => {
    ids.forEach((id, i) => {
      if (typeof id !== 'string' || id === '')
        throw new MarketFlowInputError(`${field}[${i}].id`, 'is empty');
      if (ids.indexOf(id) !== i)
        throw new MarketFlowInputError(`${field}[${i}].id`, `${JSON.stringify(id)} is repeated`);
    });
  };
  if (!Array.isArray(industry?.nodes)) throw new MarketFlowInputError('industry.nodes', 'must be a list');
  unique(
    'industry.nodes',
    industry.nodes.map((n) => n.id),
  );
  industry.nodes.forEach((n, i) => {
    need(`industry.nodes[${i}].seriesId`, n.seriesId, 'price');
    if (n.marketValue !== undefined) positive(`industry.nodes[${i}].marketValue`, n.marketValue);
  });
  const ref = industry.referenceNodeId;
  if (ref !== undefined && !industry.nodes.some((n) => n.id === ref))
    throw new MarketFlowInputError('industry.referenceNodeId', `${JSON.stringify(ref)} is not a node`);
  if (!Array.isArray(global?.regions)) throw new MarketFlowInputError('global.regions', 'must be a list');
  unique(
    'global.regions',
    global.regions.map((r) => r.id),
  );
  global.regions.forEach((r, i) => {
    const at = `global.regions[${i}]`;
    need(`${at}.stockIndexSeriesId`, r.stockIndexSeriesId, 'price');
    if (r.fxSeriesId !== undefined) need(`${at}.fxSeriesId`, r.fxSeriesId, 'price');
    if (r.currencyIndexSeriesId !== undefined)
      need(`${at}.currencyIndexSeriesId`, r.currencyIndexSeriesId, 'price');
    if (r.bondYieldSeriesId !== undefined) need(`${at}.bondYieldSeriesId`, r.bondYieldSeriesId, 'rate');
    if (!Array.isArray(r.legs)) throw new MarketFlowInputError(`${at}.legs`, 'must be a list');
    r.legs.forEach((leg, k) => {
      if (typeof leg.assetType !== 'string' || leg.assetType === '')
        throw new MarketFlowInputError(`${at}.legs[${k}].assetType`, 'is empty');
      need(`${at}.legs[${k}].seriesId`, leg.seriesId, 'price');
      positive(`${at}.legs[${k}].marketValue`, leg.marketValue);
    });
  });
  return [...used];
}
