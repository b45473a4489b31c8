import { Progress, Tag } from 'antd';
import type { QueryClient } from '@tanstack/react-query';
import { useT } from '../../app/i18n.tsx';
import {
  dunningMethodLabels, dunningMethods, planProgressLabels, promiseStatusLabels,
  type DunningMethod, type DunningOut, type PlanOut, type PlanProgressStatus, type PromiseStatus, type WorklistItem,
} from '../../../../src/modules/collections/schema.ts';

// Collection plans 回款计划 and dunning 催收: what the pages share.

export type { DunningMethod, DunningOut, PlanOut, PlanProgressStatus, PromiseStatus, WorklistItem };
export { dunningMethodLabels, dunningMethods, planProgressLabels, promiseStatusLabels };
export type PlanHead = Omit<PlanOut, 'lines'>;
export type CustomerCollection = {
  customerId: number; customerName: string; ownerName: string | null; asAt: string;
  balance: number; overdue: number; maxDaysOverdue: number; oldestDueDate: string | null;
  suggestedMethod: DunningMethod | null; suggestedFromDays: number | null;
  lastAction: DunningOut | null; openPromises: DunningOut[]; brokenPromises: number; plans: PlanHead[];
};

export const COLLECTIONS_KEY = ['collections'] as const;
/** After any change: the customer's panel, plans and the lists refetch. */
export const invalidateCollections = (qc: QueryClient) => {
  void qc.invalidateQueries({ queryKey: COLLECTIONS_KEY });
  void qc.invalidateQueries({ queryKey: ['list'] });
};

export function useL() {
  const t = useT();
  return (zh: string, en: string) => t.l({ zh, en });
}

const progressColors: Record<PlanProgressStatus, string> = { on_track: 'blue', behind: 'red', done: 'green', cancelled: 'default' };
export function PlanProgressTag({ progress }: { progress: PlanProgressStatus }) {
  const t = useT();
  return <Tag color={progressColors[progress]}>{t.l(planProgressLabels[progress])}</Tag>;
}

export function PlanProgressBar({ plan }: { plan: Pick<PlanHead, 'progress' | 'progressPermille'> }) {
  const status = plan.progress === 'behind' ? 'exception' : plan.progress === 'done' ? 'success' : 'normal';
  return <Progress percent={Math.floor(plan.progressPermille / 10)} size="small" status={status} style={{ minWidth: 120, margin: 0 }} />;
}

const promiseColors: Record<PromiseStatus, string> = { none: 'default', open: 'orange', kept: 'green', broken: 'red' };
export function PromiseTag({ status }: { status: PromiseStatus }) {
  const t = useT();
  return <Tag color={promiseColors[status]}>{t.l(promiseStatusLabels[status])}</Tag>;
}

export function MethodLabel({ method }: { method: DunningMethod }) {
  const t = useT();
  return <>{t.l(dunningMethodLabels[method])}</>;
}

/** "1234.5" → 123450 fen; null when it is not a yuan amount with at most two decimals. */
export function yuanToFen(v: string | number | null | undefined): number | null {
  if (v === null || v === undefined || v === '') return null;
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(String(v).trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
export const fenToYuan = (fen: number) => (fen / 100).toFixed(2);
