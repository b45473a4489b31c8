import { useT } from '../../app/i18n.tsx';
import { businessDate } from '../../../../src/platform/time.ts';
import {
  agingGroupLabels, agingGroups, paymentTermLabels,
  type AgingGroup, type AgingReport, type AgingRow, type BucketOut, type CollectionRateOut, type CollectionRateRow, type CustomerItems, type OpenItemOut,
} from '../../../../src/modules/receivables/schema.ts';

export type { AgingGroup, AgingReport, AgingRow, BucketOut, CollectionRateOut, CollectionRateRow, CustomerItems, OpenItemOut };
export { agingGroupLabels, agingGroups, paymentTermLabels };

export function useL() {
  const t = useT();
  return (zh: string, en: string) => t.l({ zh, en });
}

/** Today in Asia/Shanghai, YYYY-MM-DD (the default "as at" date). */
export const todayShanghai = () => businessDate();

/** The bucket headings with 未到期 first: key -1 is "not yet due". */
export function bucketColumns(buckets: BucketOut[], L: (zh: string, en: string) => string) {
  return [{ key: -1, label: L('未到期', 'Not yet due') }, ...buckets.map((b) => ({ key: b.key, label: L(b.label, b.labelEn) }))];
}

/** The amount of a row in a bucket (-1: not yet due). */
export const amountIn = (r: { notDue: number; buckets: number[] }, key: number) => (key === -1 ? r.notDue : (r.buckets[key] ?? 0));

/** 万元 with one decimal for chart axes (the bars' labels show yuan exactly). */
export const wan = (fen: number) => (fen / 1_000_000).toFixed(1);
