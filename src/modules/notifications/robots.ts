import { createHmac } from 'node:crypto';
import type { Db, Executor } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { actorOf, requirePermission, type RequestContext } from '../../platform/permissions/context.ts';
import { isoNow } from '../../platform/time.ts';
import type { NewNotification } from './schema.ts';
import type { RobotIn, RobotOut, RobotTestIn } from './robots-schema.ts';

// Group-robot push 群机器人推送: a company's 企业微信 (WeCom) and 钉钉 (DingTalk) group robots get the
// notifications of the kinds each is set to push, as Chinese markdown. notify() queues one delivery per
// robot inside the caller's transaction (so nothing is pushed for a change that rolled back); the
// 'notifications.robots' job posts due deliveries after the commit, retries failures with back-off, and
// keeps every attempt's outcome on the row (the delivery log). A robot that is down never blocks or
// fails the user's action.

export const robotKindLabels: Record<string, string> = {
  'lead.assigned': '线索分配',
  'ownership.request': '客户归属申请',
  'ownership.approved': '归属申请通过',
  'ownership.rejected': '归属申请驳回',
  'ownership.void': '归属申请作废',
  'customer.changed': '客户档案变更',
  'customer.transfer': '客户移交',
  'customer.auto_pool': '客户退回公海',
  'customer.credit': '客户信用变更',
  'order.review.finance': '订单待财务审核',
  'order.review.logistics': '订单待物流审核',
  'slip.to_pick': '待出库销货单',
  'slip.to_sign': '待签字销货单',
  'stock.alert': '库存预警',
  'collection.overdue': '逾期应收提醒',
  'collection.broken_promise': '承诺付款未兑现',
};

export const MAX_ATTEMPTS = 5;
const TIMEOUT_MS = 5_000;
const BATCH = 20;
/** Seconds before attempt n+1 (n failed attempts so far). */
const backoffSeconds = (attempts: number) => Math.min(3600, 30 * 2 ** (attempts - 1));

type RobotRow = { id: number; companyId: number; channel: string; name: string; url: string; secret: string | null; enabled: number; kinds: string; position: number };

const toOut = (r: RobotRow): RobotOut => ({
  id: r.id, channel: r.channel as RobotOut['channel'], name: r.name, url: r.url, hasSecret: !!r.secret, enabled: r.enabled === 1, kinds: JSON.parse(r.kinds) as string[],
});

function robotsOf(db: Executor, companyId: number) {
  return db.selectFrom('robotWebhooks').selectAll().where('companyId', '=', companyId).orderBy('position').orderBy('id').execute() as Promise<RobotRow[]>;
}

export async function listRobots(db: Db, ctx: RequestContext) {
  requirePermission(ctx, 'admin.settings');
  return { items: (await robotsOf(db, ctx.companyId)).map(toOut), kinds: Object.entries(robotKindLabels).map(([kind, label]) => ({ kind, label })) };
}

/**
 * Replaces the company's robots with `items` (kept by id; new ones without). A secret left out keeps the
 * stored one; an empty secret removes it. Audited without the URLs' tokens or secrets.
 */
export async function saveRobots(db: Db, ctx: RequestContext, items: RobotIn[]) {
  requirePermission(ctx, 'admin.settings');
  await db.transaction().execute(async (tx) => {
    const before = await robotsOf(tx, ctx.companyId);
    const byId = new Map(before.map((r) => [r.id, r]));
    const now = isoNow();
    const kept = new Set<number>();
    for (const [position, it] of items.entries()) {
      const old = it.id ? byId.get(it.id) : undefined;
      const secret = it.channel !== 'dingtalk' ? null : it.secret === undefined ? (old?.secret ?? null) : it.secret || null;
      const values = { channel: it.channel, name: it.name, url: it.url, secret, enabled: it.enabled ? 1 : 0, kinds: JSON.stringify([...new Set(it.kinds)]), position, updatedAt: now };
      if (old) {
        await tx.updateTable('robotWebhooks').set(values).where('id', '=', old.id).where('companyId', '=', ctx.companyId).execute();
        kept.add(old.id);
      } else {
        await tx.insertInto('robotWebhooks').values({ ...values, companyId: ctx.companyId, createdAt: now }).execute();
      }
    }
    const gone = before.filter((r) => !kept.has(r.id)).map((r) => r.id);
    if (gone.length) await tx.deleteFrom('robotWebhooks').where('companyId', '=', ctx.companyId).where('id', 'in', gone).execute();
    const summary = (rows: { channel: string; name: string; enabled: number | boolean; kinds: string | string[] }[]) =>
      rows.map((r) => ({ channel: r.channel, name: r.name, enabled: !!r.enabled, kinds: typeof r.kinds === 'string' ? JSON.parse(r.kinds) : r.kinds }));
    await writeAudit(tx, actorOf(ctx), { action: 'robots.update', entity: 'company', entityId: ctx.companyId, before: summary(before), after: summary(items) });
  });
  return listRobots(db, ctx);
}

// ─── Messages ──────────────────────────────────────────────────────────────────────────────

/** Beijing time "2026-11-23 09:30" of an ISO instant. */
const shanghai = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

/** The markdown a robot posts: the title as a heading, the body, and who/when in a quote line. */
export function robotMarkdown(kind: string, title: string, body: string | null, companyName: string, at: string): string {
  const label = robotKindLabels[kind] ?? (kind === 'robot.test' ? '测试消息' : '通知');
  return [`### 【${label}】${title}`, body ? body : null, `> ${companyName} · SalesDesk 销售管理系统 · ${shanghai(at)}`].filter(Boolean).join('\n\n');
}

/** The request a robot takes: WeCom {msgtype:'markdown', markdown:{content}}; DingTalk {…, markdown:{title, text}}, signed when it has a secret. */
export function robotRequest(robot: { channel: string; url: string; secret: string | null }, title: string, content: string, now = Date.now()): { url: string; body: unknown } {
  if (robot.channel === 'dingtalk') {
    let url = robot.url;
    if (robot.secret) {
      const sign = createHmac('sha256', robot.secret).update(`${now}\n${robot.secret}`).digest('base64');
      url += `${url.includes('?') ? '&' : '?'}timestamp=${now}&sign=${encodeURIComponent(sign)}`;
    }
    return { url, body: { msgtype: 'markdown', markdown: { title: title.slice(0, 60), text: content } } };
  }
  return { url: robot.url, body: { msgtype: 'markdown', markdown: { content } } };
}

/** One POST. A robot answers HTTP 200 with {errcode: 0} when it took the message; anything else is a failure with its reason. */
export async function postToRobot(robot: { channel: string; url: string; secret: string | null }, title: string, content: string): Promise<{ ok: boolean; status: number | null; error: string | null }> {
  const req = robotRequest(robot, title, content);
  try {
    const res = await fetch(req.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(req.body), signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'error' });
    const text = await res.text();
    if (!res.ok) return { ok: false, status: res.status, error: `HTTP ${res.status}：${text.slice(0, 200)}` };
    let answer: { errcode?: number; errmsg?: string } = {};
    try {
      answer = JSON.parse(text) as typeof answer;
    } catch {
      return { ok: false, status: res.status, error: `机器人返回的不是 JSON：${text.slice(0, 200)}` };
    }
    if (answer.errcode !== undefined && answer.errcode !== 0) return { ok: false, status: res.status, error: `机器人拒绝：${answer.errcode} ${answer.errmsg ?? ''}`.trim() };
    return { ok: true, status: res.status, error: null };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    const reason = err.name === 'TimeoutError' ? `${TIMEOUT_MS / 1000} 秒内无响应` : (err.cause?.code ?? err.message);
    return { ok: false, status: null, error: `无法连接机器人：${reason}` };
  }
}

// ─── Queue ─────────────────────────────────────────────────────────────────────────────────

/**
 * Called by notify() inside the caller's transaction: one delivery per enabled robot of the company whose
 * kinds include the notification's (none listed: all), one per event — a notice to ten users is pushed to
 * the group once.
 */
export async function queueRobotPush(tx: Executor, rows: NewNotification[]): Promise<void> {
  const companies = [...new Set(rows.map((r) => r.companyId))];
  for (const companyId of companies) {
    const robots = (await robotsOf(tx, companyId)).filter((r) => r.enabled === 1);
    if (!robots.length) continue;
    const company = await tx.selectFrom('companies').select('name').where('id', '=', companyId).executeTakeFirst();
    const now = isoNow();
    const events = new Map<string, NewNotification>();
    for (const r of rows) if (r.companyId === companyId) events.set(`${r.kind}|${r.entity ?? ''}|${r.entityId ?? ''}|${r.title}|${r.body ?? ''}`, r);
    const out = [];
    for (const e of events.values()) {
      for (const robot of robots) {
        const kinds = JSON.parse(robot.kinds) as string[];
        if (kinds.length && !kinds.includes(e.kind)) continue;
        out.push({
          companyId, robotId: robot.id, channel: robot.channel, robotName: robot.name, kind: e.kind, title: e.title,
          content: robotMarkdown(e.kind, e.title, e.body ?? null, company?.name ?? '', now), status: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now,
        });
      }
    }
    for (let i = 0; i < out.length; i += 200) await tx.insertInto('robotDeliveries').values(out.slice(i, i + 200)).execute();
  }
}

/**
 * The job: posts the due deliveries. Each is claimed first (attempts + 1, next attempt pushed a minute
 * ahead by a conditional update: another app instance skips it; a crash retries it), then marked sent,
 * or due again after a back-off, or failed after MAX_ATTEMPTS. Returns a summary for the job log.
 */
export async function deliverRobotPushes(db: Db, now: Date = new Date()): Promise<string> {
  const due = await db
    .selectFrom('robotDeliveries')
    .leftJoin('robotWebhooks', 'robotWebhooks.id', 'robotDeliveries.robotId')
    .select(['robotDeliveries.id', 'robotDeliveries.attempts', 'robotDeliveries.nextAttemptAt', 'robotDeliveries.title', 'robotDeliveries.content', 'robotDeliveries.channel', 'robotWebhooks.url', 'robotWebhooks.secret', 'robotWebhooks.enabled'])
    .where('robotDeliveries.status', '=', 'pending')
    .where('robotDeliveries.nextAttemptAt', '<=', now.toISOString())
    .orderBy('robotDeliveries.nextAttemptAt')
    .limit(BATCH)
    .execute();
  let sent = 0;
  let failed = 0;
  for (const d of due) {
    const lease = new Date(now.getTime() + 60_000).toISOString();
    const claimed = await db
      .updateTable('robotDeliveries')
      .set({ attempts: d.attempts + 1, nextAttemptAt: lease })
      .where('id', '=', d.id)
      .where('status', '=', 'pending')
      .where('attempts', '=', d.attempts)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue;
    const attempts = d.attempts + 1;
    if (!d.url || d.enabled !== 1) {
      await db.updateTable('robotDeliveries').set({ status: 'failed', lastError: '机器人已删除或停用' }).where('id', '=', d.id).execute();
      failed++;
      continue;
    }
    const r = await postToRobot({ channel: d.channel, url: d.url, secret: d.secret }, d.title, d.content);
    if (r.ok) {
      await db.updateTable('robotDeliveries').set({ status: 'sent', sentAt: isoNow(), responseStatus: r.status, lastError: null }).where('id', '=', d.id).execute();
      sent++;
    } else {
      const last = attempts >= MAX_ATTEMPTS;
      await db
        .updateTable('robotDeliveries')
        .set({ status: last ? 'failed' : 'pending', responseStatus: r.status, lastError: r.error, nextAttemptAt: new Date(now.getTime() + backoffSeconds(attempts) * 1000).toISOString() })
        .where('id', '=', d.id)
        .execute();
      if (last) failed++;
    }
  }
  return `robots: ${due.length} due, ${sent} sent, ${failed} failed`;
}

/** 发送测试消息: posts a test message at once to the robot as entered on the page (not yet saved, or a saved one's stored secret), and logs it. */
export async function testRobot(db: Db, ctx: RequestContext, body: RobotTestIn) {
  requirePermission(ctx, 'admin.settings');
  let secret = body.channel === 'dingtalk' ? (body.secret ?? null) : null;
  let robotId: number | null = null;
  if (body.id) {
    const saved = await db.selectFrom('robotWebhooks').select(['id', 'secret']).where('id', '=', body.id).where('companyId', '=', ctx.companyId).executeTakeFirst();
    if (saved) {
      robotId = saved.id;
      if (body.channel === 'dingtalk' && body.secret === undefined) secret = saved.secret;
    }
  }
  const company = await db.selectFrom('companies').select('name').where('id', '=', ctx.companyId).executeTakeFirst();
  const at = isoNow();
  const title = '测试消息';
  const content = robotMarkdown('robot.test', `${body.name}：推送设置测试`, `这是一条来自 SalesDesk 的测试消息，由 ${ctx.userName} 发送。收到即表示群机器人设置正确。`, company?.name ?? '', at);
  const r = await postToRobot({ channel: body.channel, url: body.url, secret: secret || null }, title, content);
  await db
    .insertInto('robotDeliveries')
    .values({
      companyId: ctx.companyId, robotId, channel: body.channel, robotName: body.name, kind: 'robot.test', title, content, status: r.ok ? 'sent' : 'failed',
      attempts: 1, nextAttemptAt: at, lastError: r.error, responseStatus: r.status, createdAt: at, sentAt: r.ok ? isoNow() : null,
    })
    .execute();
  await writeAudit(db, actorOf(ctx), { action: 'robots.test', entity: 'company', entityId: ctx.companyId, after: { channel: body.channel, name: body.name, ok: r.ok, error: r.error } });
  return { ok: r.ok, status: r.status, message: r.ok ? '测试消息已发送，请在群里查看' : (r.error ?? '发送失败') };
}

export async function listDeliveries(db: Db, ctx: RequestContext, q: { page: number; pageSize: number }) {
  requirePermission(ctx, 'admin.settings');
  const base = db.selectFrom('robotDeliveries').where('companyId', '=', ctx.companyId);
  const [items, total] = await Promise.all([
    base
      .select(['id', 'robotId', 'channel', 'robotName', 'kind', 'title', 'status', 'attempts', 'lastError', 'responseStatus', 'createdAt', 'sentAt', 'nextAttemptAt'])
      .orderBy('id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: items.map((d) => ({ ...d, status: d.status as 'pending' | 'sent' | 'failed', kindLabel: robotKindLabels[d.kind] ?? (d.kind === 'robot.test' ? '测试消息' : d.kind) })),
    total: Number(total.n),
    page: q.page,
    pageSize: q.pageSize,
  };
}
