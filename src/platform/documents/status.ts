import { platformError } from '../errors/app-error.ts';
import type { Actor } from '../audit/audit.ts';
import { isoNow } from '../time.ts';

export type Label = { zh: string; en: string };

/**
 * The one status machine of documents: draft → submitted → (the module's own steps) … and void.
 * A module declares its statuses and, per action, the statuses it may start from, where it goes
 * and what it is called (for the user's message). Every document may also be voided from the
 * statuses in voidableFrom (default: all but draft; reason required) and edited in editableIn.
 */
export type DocumentMachine<S extends string, A extends string> = {
  labels: Record<S | 'void' | 'discarded', Label>;
  transitions: Record<A, { from: readonly S[]; to: S; label: Label }>;
  /** statuses from which void is allowed (default: every status but draft) */
  voidableFrom?: readonly S[];
  /** what voiding is called for this document (default 作废) */
  voidLabel?: Label;
  /** statuses in which the document may still be edited in place (default: draft) */
  editableIn?: readonly S[];
};

const VOID: Label = { zh: '作废', en: 'void' };
const EDIT: Label = { zh: '修改', en: 'edit' };

export function defineDocument<S extends string, A extends string>(machine: DocumentMachine<S, A>) {
  const statusLabel = (s: string): Label => machine.labels[s as S] ?? { zh: s, en: s };
  const refuse = (current: string, action: Label) => {
    const from = statusLabel(current);
    return platformError('INVALID_TRANSITION', { from: from.zh, action: action.zh, fromEn: from.en, actionEn: action.en });
  };
  const voidable = machine.voidableFrom ?? (Object.keys(machine.labels).filter((s) => s !== 'draft' && s !== 'void' && s !== 'discarded') as S[]);
  const editable: readonly string[] = machine.editableIn ?? ['draft'];
  return {
    ...machine,
    statusLabel,
    /** The status after `action`, or a 409 naming the current status and the action in the user's language. */
    next(current: string, action: A): S {
      const t = machine.transitions[action];
      if (!(t.from as readonly string[]).includes(current)) throw refuse(current, t.label);
      return t.to;
    },
    assertVoidable(current: string): void {
      if (!(voidable as readonly string[]).includes(current)) throw refuse(current, machine.voidLabel ?? VOID);
    },
    assertEditable(current: string): void {
      if (!editable.includes(current)) throw refuse(current, EDIT);
    },
  };
}

export type VoidFields = { status: 'void'; voidedAt: string; voidedBy: number; voidReason: string };

/** The fields every voided document gets: who, when, why. The row stays. */
export function voidFields(actor: Actor, reason: string | undefined | null): VoidFields {
  const text = (reason ?? '').trim();
  if (!text) throw platformError('VOID_REASON_REQUIRED', {}, [{ path: 'reason', message: '作废必须填写原因' }]);
  return { status: 'void', voidedAt: isoNow(), voidedBy: actor.userId as number, voidReason: text };
}
