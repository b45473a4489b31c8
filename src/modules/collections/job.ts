import type { Db } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { formatYuan } from '../../platform/money.ts';
import { businessDate, isoNow } from '../../platform/time.ts';
import { readSettings } from '../admin/service.ts';
import { notify } from '../notifications/service.ts';
import { suggestedLevel } from './dunning.ts';
import { collectedBetween, customerPositions } from './receivables-door.ts';
import * as repo from './repo.ts';
import { dunningMethodLabels } from './schema.ts';

// The daily collections job (催收提醒), run hourly under the jobs lease:
// 1. promises whose date has passed are judged: kept when the customer paid at least the promised
//    amount from the day of the call to the promised date (both inclusive), else broken — flagged on
//    the row and told to the owning rep and their manager, in the same transaction;
// 2. every customer with an overdue balance gets one alert per business day to its owning rep and
//    their manager (collection_alert_days makes a rerun, or a second instance, send nothing more).

const CHUNK = 500;

export async function runCollectionsJob(db: Db, now: Date = new Date()): Promise<string> {
  const today = businessDate(now);
  const judged = await judgePromises(db, today);
  const alerted = await overdueAlerts(db, today);
  return `promises kept ${judged.kept}, broken ${judged.broken}; overdue alerts ${alerted}`;
}

async function judgePromises(db: Db, today: string) {
  let kept = 0;
  let broken = 0;
  const managerCache = new Map<string, number[]>();
  for (;;) {
    const due = await repo.duePromises(db, today, CHUNK);
    if (!due.length) break;
    for (const p of due) {
      const collected = await collectedBetween(db, p.companyId, p.customerId, p.actionDate, p.promisedDate!);
      const status = collected >= p.promisedAmount! ? 'kept' : 'broken';
      await db.transaction().execute(async (tx) => {
        const res = await tx
          .updateTable('dunningActions')
          .set({ promiseStatus: status, promiseCollected: collected, promiseJudgedAt: isoNow() })
          .where('id', '=', p.id)
          .where('promiseStatus', '=', 'open')
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) return;
        await writeAudit(tx, { userId: null, companyId: p.companyId }, { action: `dunning.promise_${status}`, entity: 'customer', entityId: p.customerId, after: { dunningActionId: p.id, promisedAmount: p.promisedAmount, promisedDate: p.promisedDate, collected } });
        if (status === 'kept') return;
        const recipients = await recipientsOf(tx, managerCache, p.companyId, p.ownerId ?? p.performedBy);
        await notify(tx, recipients.map((userId) => ({
          companyId: p.companyId, userId, kind: 'collection.broken_promise',
          title: `${p.customerName} 承诺 ${p.promisedDate} 前还款 ${formatYuan(p.promisedAmount!)} 元未兑现`,
          body: `自 ${p.actionDate} 催收至承诺日期实收 ${formatYuan(collected)} 元。请跟进并记录下一步催收。`,
          entity: 'customer_collection', entityId: p.customerId, // the bell opens the customer's 催收 page
        })));
      });
      if (status === 'kept') kept++;
      else broken++;
    }
    if (due.length < CHUNK) break;
  }
  return { kept, broken };
}

async function recipientsOf(db: Parameters<typeof repo.managersOf>[0], cache: Map<string, number[]>, companyId: number, ownerId: number | null) {
  if (!ownerId) return [];
  const key = `${companyId}:${ownerId}`;
  if (!cache.has(key)) cache.set(key, [ownerId, ...(await repo.managersOf(db, companyId, ownerId))]);
  return cache.get(key)!;
}

async function overdueAlerts(db: Db, today: string) {
  const companies = await db.selectFrom('companies').select('id').where('active', '=', 1).orderBy('id').execute();
  let sent = 0;
  for (const { id: companyId } of companies) {
    const positions = await customerPositions(db, companyId, { asAt: today });
    const overdue = [...positions].filter(([, p]) => p.overdue > 0);
    if (!overdue.length) continue;
    const levels = (await readSettings(db, companyId)).settings.collections.dunningLevels;
    const managerCache = new Map<string, number[]>();
    for (let i = 0; i < overdue.length; i += CHUNK) {
      const chunk = overdue.slice(i, i + CHUNK);
      const customers = await db.selectFrom('customers').select(['id', 'name', 'ownerId']).where('companyId', '=', companyId).where('id', 'in', chunk.map(([id]) => id)).execute();
      const byId = new Map(customers.map((c) => [c.id, c]));
      await db.transaction().execute(async (tx) => {
        for (const [customerId, pos] of chunk) {
          const c = byId.get(customerId);
          if (!c?.ownerId) continue;
          const first = await tx
            .insertInto('collectionAlertDays')
            .values({ companyId, customerId, alertDate: today, sentAt: isoNow() })
            .onConflict((oc) => oc.columns(['companyId', 'customerId', 'alertDate']).doNothing())
            .returning('id')
            .executeTakeFirst();
          if (!first) continue;
          const level = suggestedLevel(levels, pos.maxDaysOverdue);
          await notify(tx, (await recipientsOf(tx, managerCache, companyId, c.ownerId)).map((userId) => ({
            companyId, userId, kind: 'collection.overdue',
            title: `逾期提醒：${c.name} 逾期 ${formatYuan(pos.overdue)} 元，最长逾期 ${pos.maxDaysOverdue} 天`,
            body: `应收余额 ${formatYuan(pos.balance)} 元，最早到期日 ${pos.oldestDueDate ?? '—'}。${level ? `建议催收方式：${dunningMethodLabels[level.method].zh}。` : ''}（${today}）`,
            entity: 'customer_collection', entityId: customerId,
          })));
          sent++;
        }
      });
    }
  }
  return sent;
}
