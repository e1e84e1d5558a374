// The ISIS protocol suite, by the names scenario files use.
import type { ProtocolFactory } from '../types.ts';
import { makeIsisProtocol } from './stack.ts';
import { makeStaticProtocol } from './static-stack.ts';

export const isisProtocols: Record<string, ProtocolFactory> = {
  isis: (options) => makeIsisProtocol(options),
  'isis-fbcast-static': (options) => makeStaticProtocol('fbcast', options),
  'isis-cbcast-static': (options) => makeStaticProtocol('cbcast', options),
};
