import { describe, expect, it } from 'vitest';
import { LIVENESS_PROPERTIES, NO_END_WARNING, NOT_QUIESCENT_WARNING, SAFETY_PROPERTIES } from '../../checkers/index.ts';
import { trace, violated } from './trace-builder.ts';

const all3 = ['p1', 'p2', 'p3'];

describe('when liveness is judged', () => {
  it('checks liveness only after a quiescent end', () => {
    const settled = trace().group('p1').end(true).check();
    expect(settled.checked).toEqual([...SAFETY_PROPERTIES, ...LIVENESS_PROPERTIES]);
    expect(settled.skipped).toEqual([]);
    expect(settled.warnings).toEqual([]);
  });

  it('skips liveness, with a warning, when the run did not settle or was cut off', () => {
    // p2 never installs a view: a view-convergence violation if it were judged.
    const unsettled = trace().group('p1').start('p2').end(false).check();
    expect(unsettled.ok).toBe(true);
    expect(unsettled.checked).toEqual([...SAFETY_PROPERTIES]);
    expect(unsettled.skipped).toEqual([...LIVENESS_PROPERTIES]);
    expect(unsettled.warnings).toEqual([NOT_QUIESCENT_WARNING]);
    const cut = trace().group('p1').start('p2').check();
    expect(cut.ok).toBe(true);
    expect(cut.skipped).toEqual([...LIVENESS_PROPERTIES]);
    expect(cut.warnings).toEqual([NO_END_WARNING]);
  });

  it('still checks safety on a cut-off trace', () => {
    const cut = trace().start('p1').view(1, ['p2'], ['p1']).check();
    expect(violated(cut)).toEqual(['self-inclusion']);
  });
});

describe('view-convergence', () => {
  it('holds when every live process ends in the same view of exactly the live processes', () => {
    const result = trace().group(...all3).crash('p3').start('p4').view(2, ['p1', 'p2', 'p4']).end().check();
    expect(result.ok).toBe(true);
  });

  it('is violated by a live process that never installed a view', () => {
    const result = trace().group('p1').start('p2').end().check();
    expect(result.violations.map((v) => [v.property, v.message])).toEqual([
      ['view-convergence', 'the last view 1 p1 installs, {p1}, leaves out p2, live at the end.'],
      ['view-convergence', 'p2 is live at the end but never installed a view.'],
    ]);
  });

  it('is violated when live processes end in different views', () => {
    const result = trace().group(...all3).view(2, all3, ['p1', 'p2']).end().check();
    // Each live process is judged on its own last install, whatever the order of processes.
    const messages = result.violations.filter((v) => v.property === 'view-convergence').map((v) => v.message);
    expect(messages).toEqual(['p3 ends in view 1 but p1 ends in view 2.']);
  });

  it('is violated by a last view that lists a crashed process', () => {
    const result = trace().group(...all3).crash('p3').end().check();
    expect(result.violations.map((v) => v.message)).toContain(
      'the last view 1 p1 installs, {p1, p2, p3}, lists p3, not live at the end.',
    );
  });
});

describe('delivery-liveness', () => {
  it('is violated when a live member never delivers a live sender’s message', () => {
    const result = trace().group(...all3).send('p1', 'm1', 'fifo', 1, ['p1', 'p2']).end().check();
    expect(violated(result)).toEqual(['delivery-liveness']);
    expect(result.violations[0]!.message).toBe(
      'p3 never delivered m1 that p1 multicast in view 1, though both are live at the end and p3 is a member of that view.',
    );
    expect(result.violations[0]!.events).toEqual([6]);
  });

  it('counts many missing messages in one sentence', () => {
    const result = trace()
      .group('p1', 'p2')
      .send('p1', 'm1', 'fifo', 1, ['p1'])
      .send('p1', 'm2', 'fifo', 1, ['p1'])
      .end()
      .check();
    expect(result.violations.map((v) => v.message)).toEqual([
      'p2 never delivered 2 messages (first m1) that p1 multicast in view 1, though both are live at the end and p2 is a member of that view.',
    ]);
  });

  it('excuses messages whose sender or reader is not live at the end', () => {
    const senderCrashed = trace().group(...all3).send('p3', 'm1', 'causal', 1, ['p3']).crash('p3').view(2, ['p1', 'p2']).end();
    expect(senderCrashed.check().ok).toBe(true);
    const readerLeft = trace().group(...all3).send('p1', 'm1', 'causal', 1, ['p1', 'p2']).exit('p3', 'left').view(2, ['p1', 'p2']).end();
    expect(readerLeft.check().ok).toBe(true);
  });

  it('remembers a missed delivery long after every member left its view', () => {
    // p3 moves on without m1 (also a virtual-synchrony violation); two view
    // changes later the end still knows.
    const result = trace()
      .group(...all3)
      .send('p1', 'm1', 'fifo', 1, ['p1', 'p2'])
      .view(2, all3)
      .view(3, all3)
      .end()
      .check();
    expect(violated(result)).toContain('delivery-liveness');
    expect(result.violations.find((v) => v.property === 'delivery-liveness')!.message).toBe(
      'p3 never delivered m1 that p1 multicast in view 1, though both are live at the end and p3 is a member of that view.',
    );
  });
});
