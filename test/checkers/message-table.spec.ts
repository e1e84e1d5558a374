import { describe, expect, it } from 'vitest';
import { MessageTable, RETIRED_MESSAGE_WINDOW } from '../../checkers/message-table.ts';
import { MessageRecord, ViewState } from '../../checkers/state.ts';

function record(id: string, view: ViewState, bcastI: number): MessageRecord {
  return new MessageRecord(id, 'p1', 0, 'fifo', view, bcastI, bcastI, 1, 2);
}

describe('MessageTable', () => {
  it('moves a retired message from the open records to the retired window', () => {
    const table = new MessageTable();
    const view = new ViewState(4);
    const message = record('m1', view, 7);
    table.add(message);
    expect(table.get('m1')).toBe(message);
    table.retire(message);
    expect(table.get('m1')).toBeUndefined();
    expect(table.retired('m1')).toEqual({ sender: 'p1', viewId: 4, bcastI: 7 });
    expect(table.retired('m2')).toBeUndefined();
    expect(table.openCount).toBe(0);
    expect(table.forgotAny).toBe(false);
  });

  it('remembers at least the last window of retired ids, and forgets older ones', () => {
    const table = new MessageTable();
    const view = new ViewState(1);
    const total = 3 * RETIRED_MESSAGE_WINDOW;
    for (let k = 0; k < total; k++) {
      const message = record(`m${k}`, view, k);
      table.add(message);
      table.retire(message);
    }
    for (let k = total - RETIRED_MESSAGE_WINDOW; k < total; k++) expect(table.retired(`m${k}`)?.bcastI).toBe(k);
    expect(table.retired('m0')).toBeUndefined();
    expect(table.forgotAny).toBe(true);
  });
});
