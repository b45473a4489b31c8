import { describe, expect, it } from 'vitest';
import { placesOf, signRefusal, type Signatures } from './signatures.ts';

// Who may sign which place of a document that moves goods: each place by its own person, by their own login.

const doc = (over: Partial<Signatures> = {}): Signatures => ({ signedBy: { keeper: null, preparer: null, handler: null }, preparerId: 1, handlerId: 2, ...over });
const keeper = { id: 3, mayKeep: true };

describe('signatures', () => {
  it('gives each place to its person: the keeper by right, the preparer and handler by name', () => {
    expect(signRefusal(doc(), keeper, 'keeper')).toBeNull();
    expect(signRefusal(doc(), { id: 4, mayKeep: false }, 'keeper')).toEqual({ kind: 'not_keeper' });
    expect(signRefusal(doc(), { id: 1, mayKeep: false }, 'preparer')).toBeNull();
    expect(signRefusal(doc(), keeper, 'preparer')).toEqual({ kind: 'not_preparer' });
    expect(signRefusal(doc(), { id: 2, mayKeep: false }, 'handler')).toBeNull();
    expect(signRefusal(doc(), keeper, 'handler')).toEqual({ kind: 'not_handler' });
    // a document from before handlers were named: anyone holding no other place
    expect(signRefusal(doc({ handlerId: null }), { id: 9, mayKeep: false }, 'handler')).toBeNull();
  });

  it('a place signed is taken, whoever asks', () => {
    expect(signRefusal(doc({ signedBy: { keeper: 3, preparer: null, handler: null } }), { id: 5, mayKeep: true }, 'keeper')).toEqual({ kind: 'taken', by: 3 });
  });

  it('one person fills one place, unless the document lets two go together', () => {
    // the preparer is also a keeper: they may not let their own goods out
    expect(signRefusal(doc(), { id: 1, mayKeep: true }, 'keeper')).toEqual({ kind: 'two_places', mine: 'preparer' });
    // the keeper who signed is named handler too
    const both = doc({ handlerId: 3, signedBy: { keeper: 3, preparer: null, handler: null } });
    expect(signRefusal(both, keeper, 'handler')).toEqual({ kind: 'two_places', mine: 'keeper' });
    expect(placesOf(both, 3)).toEqual(['keeper', 'handler']);
    // the counter: the clerk who writes a walk-in slip hands it over too, where the rule allows it
    const counter = doc({ handlerId: 1 });
    expect(signRefusal(counter, { id: 1, mayKeep: false }, 'handler')).toEqual({ kind: 'two_places', mine: 'preparer' });
    expect(signRefusal(counter, { id: 1, mayKeep: false }, 'handler', { together: [['preparer', 'handler']] })).toBeNull();
    expect(signRefusal(counter, { id: 1, mayKeep: true }, 'keeper', { together: [['preparer', 'handler']] })).toEqual({ kind: 'two_places', mine: 'preparer' });
  });
});
