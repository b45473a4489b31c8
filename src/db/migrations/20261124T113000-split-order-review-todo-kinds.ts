import type { Kysely } from 'kysely';

// An order's review to-dos had one kind, order.review, and were told apart by their titles
// (订单 X 待财务审核 / 待物流审核). Each review now has its own kind, so that deciding one settles it
// without matching titles; the to-dos written before take the kind their title names.
export async function up(db: Kysely<any>): Promise<void> {
  for (const [kind, title] of [['finance', '待财务审核'], ['logistics', '待物流审核']] as const) {
    await db
      .updateTable('notifications')
      .set({ kind: `order.review.${kind}` })
      .where('kind', '=', 'order.review')
      .where('title', 'like', `%${title}`)
      .execute();
  }
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
