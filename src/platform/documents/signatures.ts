// The three signatures of a document that lets goods in or out — the sales slip 销货清单 and the stock
// documents 入库单/出库单/调拨单/盘点单: the keeper 仓管 who lets the goods go, the preparer 制单/开单 who wrote
// the document, and the handler 经手人 who takes or brings them. Each is given by the signer's own login
// (no one signs for another), and — so that three people stand behind the goods — one person fills one
// place, except the pairs a document allows together (a walk-in sale's clerk writes the slip and hands the
// goods over at the counter). The modules keep their own status rules and word the refusals as their own
// errors; who may sign which place is decided here, once.

export const signRoles = ['keeper', 'preparer', 'handler'] as const;
export type SignRole = (typeof signRoles)[number];

export type Signatures = {
  /** who signed each place (null: not yet) */
  signedBy: Record<SignRole, number | null>;
  /** the document's creator: the preparer's place is theirs */
  preparerId: number;
  /** the handler named on the document (null: documents from before one was named; anyone may take it) */
  handlerId: number | null;
};

/** Places one person may hold together on this kind of document (none by default). */
export type SignRule = { together?: readonly (readonly [SignRole, SignRole])[] };

export type SignRefusal =
  | { kind: 'taken'; by: number }
  | { kind: 'not_keeper' }
  | { kind: 'not_preparer' }
  | { kind: 'not_handler' }
  /** the signer already holds `mine` on this document (signed it, or is its preparer or named handler) */
  | { kind: 'two_places'; mine: SignRole };

/** The places `userId` holds on the document: each signed, and the preparer's and handler's by name. */
export const placesOf = (s: Signatures, userId: number): SignRole[] =>
  signRoles.filter((r) => s.signedBy[r] === userId || (r === 'preparer' && s.preparerId === userId) || (r === 'handler' && s.handlerId === userId));

const together = (rule: SignRule, a: SignRole, b: SignRole) => (rule.together ?? []).some(([x, y]) => (x === a && y === b) || (x === b && y === a));

/**
 * Why `user` may not sign `role` now, or null. The keeper's place needs the warehouse right (`mayKeep`),
 * the preparer's is the creator's, the handler's the named handler's; a place signed is taken; and a
 * signer holding another place may not take this one unless the rule lets the two go together.
 */
export function signRefusal(s: Signatures, user: { id: number; mayKeep: boolean }, role: SignRole, rule: SignRule = {}): SignRefusal | null {
  const by = s.signedBy[role];
  if (by !== null) return { kind: 'taken', by };
  if (role === 'keeper' && !user.mayKeep) return { kind: 'not_keeper' };
  if (role === 'preparer' && s.preparerId !== user.id) return { kind: 'not_preparer' };
  if (role === 'handler' && s.handlerId !== null && s.handlerId !== user.id) return { kind: 'not_handler' };
  const mine = placesOf(s, user.id).find((r) => r !== role && !together(rule, r, role));
  return mine ? { kind: 'two_places', mine } : null;
}
