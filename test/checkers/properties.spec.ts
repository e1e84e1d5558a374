import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ALL_PROPERTIES,
  LIVENESS_PROPERTIES,
  PROPERTY_DEFINITIONS,
  SAFETY_PROPERTIES,
  isPropertyId,
  parsePropertyList,
} from '../../checkers/index.ts';

describe('property ids', () => {
  it('are the fifteen of the contract, split into safety and liveness', () => {
    expect(ALL_PROPERTIES).toHaveLength(15);
    expect(new Set(ALL_PROPERTIES).size).toBe(15);
    expect(LIVENESS_PROPERTIES).toEqual(['view-convergence', 'delivery-liveness']);
    expect(SAFETY_PROPERTIES.filter((id) => LIVENESS_PROPERTIES.includes(id))).toEqual([]);
  });

  it('each have their definition, and nothing else is an id', () => {
    for (const id of ALL_PROPERTIES) {
      expect(PROPERTY_DEFINITIONS[id].id).toBe(id);
      expect(PROPERTY_DEFINITIONS[id].definition).toMatch(/\.$/);
      expect(isPropertyId(id)).toBe(true);
    }
    expect(isPropertyId('toString')).toBe(false);
    expect(isPropertyId('causal')).toBe(false);
  });

  it('are quoted word for word in docs/trace-format.md', () => {
    const doc = readFileSync(new URL('../../docs/trace-format.md', import.meta.url), 'utf8');
    for (const id of ALL_PROPERTIES) expect(doc).toContain(`- \`${id}\`: ${PROPERTY_DEFINITIONS[id].definition}`);
  });

  it('parse from a list, each once, naming the first unknown one', () => {
    expect(parsePropertyList(['fifo-order', ' total-order', 'fifo-order', ''])).toEqual({ ids: ['fifo-order', 'total-order'] });
    expect(parsePropertyList(['fifo-order', 'fifo'])).toEqual({ unknown: 'fifo' });
  });
});
