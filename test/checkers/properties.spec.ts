import { describe, expect, it } from 'vitest';
import {
  ALL_PROPERTIES,
  LIVENESS_PROPERTIES,
  PROPERTY_DEFINITIONS,
  SAFETY_PROPERTIES,
  isPropertyId,
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
});
