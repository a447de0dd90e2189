/**
 * Every domain's schedules, applied together by `npm run schedules -- apply` and the stack launcher. A
 * domain declares its own in schedules/<domain>.ts and is added to both lists here.
 */
import type { ScheduleOptions } from '@temporalio/client';
import type { ScheduleContext } from '../lib/schedules.js';
import { forecastingScheduleIds, forecastingSchedules } from './forecasting.js';

/** Every schedule id, in the order `allSchedules` declares them. */
export const scheduleIds = { ...forecastingScheduleIds } as const;

export function allSchedules(context: ScheduleContext): ScheduleOptions[] {
  return [...forecastingSchedules(context)];
}
