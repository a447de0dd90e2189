/**
 * Every domain's schedules, applied together by `npm run schedules -- apply` and the stack launcher. A
 * domain declares its own in schedules/<domain>.ts (a `ScheduleDomain`) and adds it to `scheduleDomains`.
 */
import type { ScheduleOptions } from '@temporalio/client';
import type { ScheduleContext } from '../lib/schedules.js';
import { forecastingSchedules } from './forecasting.js';

export const scheduleDomains = [forecastingSchedules] as const;

type Domain = (typeof scheduleDomains)[number];
type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** Every schedule id by name, in the order `allSchedules` declares them. */
export const scheduleIds = Object.assign({}, ...scheduleDomains.map((d) => d.ids)) as Intersection<
  Domain['ids']
>;

export function allSchedules(context: ScheduleContext): ScheduleOptions[] {
  return scheduleDomains.flatMap((domain) => domain.schedules(context));
}
