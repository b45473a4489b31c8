import { sql, type Kysely } from 'kysely';
import { withId } from '../schema-helpers.ts';

// Receivables 应收账款 (issue 5): one open item per posted sales slip and per issued blue invoice
// (both are kept; the company's `receivables.basis` picks which the reports read), and the moves
// that lower or raise an item's open amount — allocations 核销 (+), their reversals (−) and
// red-letter invoices (+, on the invoice they reverse). Each move is dated by the business day it
// was recorded on; `open_amount`, `last_move_date` and `settled_date` are kept on the item in the same
// transaction, so the open amount as at any date D is open_amount + the moves dated after D.
// The customer's credit profile gains the 月结 settlement day and the credit days/months (null:
// the company's default from settings).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('customer_credit').addColumn('settlement_day', 'integer').execute();
  await db.schema.alterTable('customer_credit').addColumn('credit_days', 'integer').execute();
  await db.schema.alterTable('customer_credit').addColumn('credit_months', 'integer').execute();

  await withId(db, db.schema.createTable('receivable_items'))
    .addColumn('company_id', 'bigint', (c) => c.notNull().references('companies.id'))
    .addColumn('customer_id', 'bigint', (c) => c.notNull().references('customers.id'))
    .addColumn('doc_type', 'text', (c) => c.notNull()) // sales_slip | invoice
    .addColumn('doc_id', 'bigint', (c) => c.notNull())
    .addColumn('doc_number', 'text', (c) => c.notNull())
    .addColumn('doc_date', 'text', (c) => c.notNull())
    .addColumn('payment_term', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('open_amount', 'bigint', (c) => c.notNull())
    .addColumn('last_move_date', 'text')
    .addColumn('settled_date', 'text') // the day since which nothing is owed (null while open)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('receivable_items_doc', ['company_id', 'doc_type', 'doc_id'])
    .execute();
  // the aging scan: open items of a company and basis, in customer order, every column it reads
  await db.schema
    .createIndex('receivable_items_open')
    .on('receivable_items')
    .columns(['company_id', 'doc_type', 'customer_id', 'due_date', 'doc_date', 'open_amount', 'last_move_date'])
    .where(sql.ref('open_amount'), '<>', 0)
    .execute();
  await db.schema.createIndex('receivable_items_customer').on('receivable_items').columns(['company_id', 'customer_id', 'doc_type', 'doc_date', 'id']).execute();
  await db.schema.createIndex('receivable_items_moved').on('receivable_items').columns(['company_id', 'doc_type', 'last_move_date']).execute();
  await db.schema.createIndex('receivable_items_due').on('receivable_items').columns(['company_id', 'doc_type', 'due_date']).execute();

  await withId(db, db.schema.createTable('receivable_moves'))
    .addColumn('company_id', 'bigint', (c) => c.notNull())
    .addColumn('item_id', 'bigint', (c) => c.notNull().references('receivable_items.id'))
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // receipt | reversal | red
    .addColumn('amount', 'bigint', (c) => c.notNull()) // lowers the open amount by this much (a reversal is negative)
    .addColumn('move_date', 'text', (c) => c.notNull())
    .addColumn('source_type', 'text', (c) => c.notNull()) // receipt_allocation | invoice
    .addColumn('source_id', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('receivable_moves_item').on('receivable_moves').columns(['item_id', 'move_date']).execute();
  await db.schema.createIndex('receivable_moves_date').on('receivable_moves').columns(['company_id', 'move_date']).execute();

  await backfill(db);
}

// ---- backfill from the documents already there (the rules of src/modules/receivables/due-dates.ts
// at the time of writing, with the default terms: settlement day 25, one month, 30 days) ----

const SHANGHAI_MS = 8 * 3600 * 1000;
const dayOf = (iso: string) => new Date(new Date(iso).getTime() + SHANGHAI_MS).toISOString().slice(0, 10);

function dueDate(term: string, docDate: string, settlementDay: number, creditMonths: number, creditDays: number): string {
  if (term === 'monthly') {
    const y = Number(docDate.slice(0, 4));
    const m = Number(docDate.slice(5, 7)) - 1 + creditMonths;
    return new Date(Date.UTC(y, m, settlementDay)).toISOString().slice(0, 10);
  }
  if (term === 'hold' || term === 'rolling') {
    const d = new Date(`${docDate}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + creditDays);
    return d.toISOString().slice(0, 10);
  }
  return docDate;
}

type Move = { itemKey: string; kind: string; amount: number; date: string; sourceType: string; sourceId: number; at: string };

export async function backfill(app: Kysely<any>) {
  // the app runs migrations through its Kysely with the CamelCase plugin: this backfill reads and
  // writes snake_case names as they are in the database
  const db = app.withoutPlugins();
  const now = new Date().toISOString();
  const slips = await db.selectFrom('sales_slips').where('status', '=', 'posted').where('customer_id', 'is not', null)
    .select(['id', 'company_id', 'customer_id', 'number', 'business_date', 'payment_term', 'total_amount', 'returned_amount']).orderBy('id').execute();
  const invoices = await db.selectFrom('invoices as i')
    .where('i.direction', '=', 'blue')
    .where('i.status', '<>', 'void')
    .select(['i.id', 'i.company_id', 'i.customer_id', 'i.number', 'i.business_date', 'i.total_amount',
      sql<string>`(select s.payment_term from invoice_sources src join sales_slips s on s.id = src.slip_id where src.invoice_id = i.id order by src.id limit 1)`.as('payment_term')])
    .orderBy('i.id').execute();
  const items = [
    ...slips.map((s: any) => ({ company_id: s.company_id, customer_id: s.customer_id, doc_type: 'sales_slip', doc_id: s.id, doc_number: s.number ?? `#${s.id}`, doc_date: s.business_date, payment_term: s.payment_term, due_date: dueDate(s.payment_term, s.business_date, 25, 1, 30), amount: Number(s.total_amount) - Number(s.returned_amount) })),
    ...invoices.map((i: any) => ({ company_id: i.company_id, customer_id: i.customer_id, doc_type: 'invoice', doc_id: i.id, doc_number: i.number, doc_date: i.business_date, payment_term: i.payment_term ?? 'cash', due_date: dueDate(i.payment_term ?? 'cash', i.business_date, 25, 1, 30), amount: Number(i.total_amount) })),
  ];
  if (!items.length) return;
  const moves: Move[] = [];
  const allocations = await db.selectFrom('receipt_allocations').select(['id', 'target_type', 'target_id', 'amount', 'allocated_at', 'reversed_at']).orderBy('id').execute();
  for (const a of allocations as any[]) {
    const key = `${a.target_type}:${a.target_id}`;
    moves.push({ itemKey: key, kind: 'receipt', amount: Number(a.amount), date: dayOf(a.allocated_at), sourceType: 'receipt_allocation', sourceId: a.id, at: a.allocated_at });
    if (a.reversed_at) moves.push({ itemKey: key, kind: 'reversal', amount: -Number(a.amount), date: dayOf(a.reversed_at), sourceType: 'receipt_allocation', sourceId: a.id, at: a.reversed_at });
  }
  const reds = await db.selectFrom('invoices').where('direction', '=', 'red').where('status', '<>', 'void').select(['id', 'original_invoice_id', 'total_amount', 'business_date', 'created_at']).orderBy('id').execute();
  for (const r of reds as any[]) moves.push({ itemKey: `invoice:${r.original_invoice_id}`, kind: 'red', amount: -Number(r.total_amount), date: r.business_date, sourceType: 'invoice', sourceId: r.id, at: r.created_at });
  const byKey = new Map<string, Move[]>();
  for (const m of moves) byKey.set(m.itemKey, [...(byKey.get(m.itemKey) ?? []), m]);
  for (let i = 0; i < items.length; i += 200) {
    const chunk = items.slice(i, i + 200).map((it) => {
      const ms = byKey.get(`${it.doc_type}:${it.doc_id}`) ?? [];
      const open = it.amount - ms.reduce((n, m) => n + m.amount, 0);
      const last = ms.reduce<string | null>((d, m) => (d == null || m.date > d ? m.date : d), null);
      return { ...it, open_amount: open, last_move_date: last, settled_date: open === 0 ? (last ?? it.doc_date) : null, created_at: now };
    });
    const ids = await db.insertInto('receivable_items').values(chunk).returning(['id', 'doc_type', 'doc_id', 'customer_id', 'company_id']).execute();
    const rows = ids.flatMap((r: any) => (byKey.get(`${r.doc_type}:${r.doc_id}`) ?? []).map((m) => ({ company_id: r.company_id, item_id: r.id, customer_id: r.customer_id, kind: m.kind, amount: m.amount, move_date: m.date, source_type: m.sourceType, source_id: m.sourceId, created_at: m.at })));
    for (let j = 0; j < rows.length; j += 200) await db.insertInto('receivable_moves').values(rows.slice(j, j + 200)).execute();
  }
}

export async function down(): Promise<void> {
  throw new Error('receivables are kept with their documents; restore from a backup instead');
}
