import { defineDocument } from '../../platform/documents/status.ts';
import { platformError, AppError } from '../../platform/errors/app-error.ts';
import { leadStatusLabels, type LeadStatus } from './schema.ts';

/**
 * The lead document: numbered and submitted on entry (new, or assigned when entered with an
 * assignee) → assigned → contacted → converted; 关闭为无效 (void, reason required) from any open
 * status. A converted or void lead is final: it can be neither edited nor worked.
 */
export const leadDocument = defineDocument<Exclude<LeadStatus, 'void'>, 'assign' | 'reassign' | 'contact' | 'convert'>({
  labels: { ...leadStatusLabels, discarded: { zh: '已丢弃', en: 'Discarded' } },
  transitions: {
    assign: { from: ['new', 'assigned'], to: 'assigned' },
    // a contacted lead handed to another rep keeps its progress
    reassign: { from: ['contacted'], to: 'contacted' },
    contact: { from: ['new', 'assigned', 'contacted'], to: 'contacted' },
    convert: { from: ['new', 'assigned', 'contacted'], to: 'converted' },
  },
  voidableFrom: ['new', 'assigned', 'contacted'],
});

export type LeadAction = 'assign' | 'reassign' | 'contact' | 'convert' | 'edit';
const actionLabels: Record<LeadAction | 'void', string> = { assign: '分配', reassign: '分配', contact: '记录联系', convert: '转化', edit: '修改', void: '关闭为无效' };
const openStatuses: readonly string[] = ['new', 'assigned', 'contacted'];

const statusLabel = (s: string) => leadStatusLabels[s as LeadStatus]?.zh ?? s;

/** The status after `action`, or 409 naming the current status and the action in Chinese. */
export function nextStatus(current: string, action: LeadAction): string {
  if (action === 'edit') {
    if (!openStatuses.includes(current)) throw platformError('INVALID_TRANSITION', { from: statusLabel(current), action: actionLabels.edit });
    return current;
  }
  try {
    return leadDocument.next(current as LeadStatus, action);
  } catch (e) {
    if (e instanceof AppError) throw platformError('INVALID_TRANSITION', { from: statusLabel(current), action: actionLabels[action] });
    throw e;
  }
}

export function assertVoidable(current: string): void {
  try {
    leadDocument.assertVoidable(current as LeadStatus);
  } catch (e) {
    if (e instanceof AppError) throw platformError('INVALID_TRANSITION', { from: statusLabel(current), action: actionLabels.void });
    throw e;
  }
}
