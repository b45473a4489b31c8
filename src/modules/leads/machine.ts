import { defineDocument } from '../../platform/documents/status.ts';
import { leadStatusLabels, type LeadStatus } from './schema.ts';

/**
 * The lead document: numbered and submitted on entry (new, or assigned when entered with an
 * assignee) → assigned → contacted → converted; 关闭为无效 (void, reason required) from any open
 * status. A converted or void lead is final: it can be neither edited nor worked.
 */
export const leadDocument = defineDocument<Exclude<LeadStatus, 'void'>, 'assign' | 'reassign' | 'contact' | 'convert'>({
  labels: { ...leadStatusLabels, discarded: { zh: '已丢弃', en: 'Discarded' } },
  transitions: {
    assign: { from: ['new', 'assigned'], to: 'assigned', label: { zh: '分配', en: 'assign' } },
    // a contacted lead handed to another rep keeps its progress
    reassign: { from: ['contacted'], to: 'contacted', label: { zh: '分配', en: 'assign' } },
    contact: { from: ['new', 'assigned', 'contacted'], to: 'contacted', label: { zh: '记录联系', en: 'log a contact' } },
    convert: { from: ['new', 'assigned', 'contacted'], to: 'converted', label: { zh: '转化', en: 'convert' } },
  },
  voidableFrom: ['new', 'assigned', 'contacted'],
  voidLabel: { zh: '关闭为无效', en: 'close as invalid' },
  editableIn: ['new', 'assigned', 'contacted'],
});

export type LeadAction = 'assign' | 'reassign' | 'contact' | 'convert' | 'edit';

/** The status after `action` ('edit' keeps it), or 409 naming the current status and the action. */
export function nextStatus(current: string, action: LeadAction): string {
  if (action !== 'edit') return leadDocument.next(current, action);
  leadDocument.assertEditable(current);
  return current;
}

export const assertVoidable = (current: string): void => leadDocument.assertVoidable(current);
