// A faulted link slow or lossy enough may get one of its ends suspected and
// excluded, so whoever keeps a majority alive (the random fault generator,
// scenarioArb's keepMajority) counts its `to` host as possibly lost. Neither
// knows the protocol's timeout; these are well under ISIS's default (60 ms),
// so the count errs on the safe side.
import type { LinkSpec } from './types.ts';

export const SUSPICION_RISK_DELAY_US = 20_000;
export const SUSPICION_RISK_LOSS = 0.3;

export function risksSuspicion(link: LinkSpec): boolean {
  return (link.delay?.minUs ?? 0) >= SUSPICION_RISK_DELAY_US || (link.lossProbability ?? 0) >= SUSPICION_RISK_LOSS;
}
