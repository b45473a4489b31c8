import { platformError } from '../errors/app-error.ts';
import type { Actor } from '../audit/audit.ts';
import { isoNow } from '../time.ts';

/**
 * The one status machine of documents: draft → submitted → (the module's own steps) … and void.
 * A module declares its statuses and the allowed transitions per action; every document also has
 * `void` from any non-draft, non-void status (reason required), and `discard` from draft.
 */
export type DocumentMachine<S extends string, A extends string> = {
  labels: Record<S | 'void' | 'discarded', { zh: string; en: string }>;
  transitions: Record<A, { from: readonly S[]; to: S }>;
  /** statuses from which void is allowed (default: every status but draft) */
  voidableFrom?: readonly S[];
};

export function defineDocument<S extends string, A extends string>(machine: DocumentMachine<S, A>) {
  return {
    ...machine,
    /** The status after `action`, or a 409 naming the current status. */
    next(current: S | 'void' | 'discarded', action: A): S {
      const t = machine.transitions[action];
      if (!t || !(t.from as readonly string[]).includes(current)) {
        throw platformError('INVALID_TRANSITION', { from: machine.labels[current]?.zh ?? current, action });
      }
      return t.to;
    },
    assertVoidable(current: S | 'void' | 'discarded'): void {
      const allowed = machine.voidableFrom ?? (Object.keys(machine.labels).filter((s) => s !== 'draft' && s !== 'void' && s !== 'discarded') as S[]);
      if (!(allowed as readonly string[]).includes(current)) {
        throw platformError('INVALID_TRANSITION', { from: machine.labels[current]?.zh ?? current, action: '作废' });
      }
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
