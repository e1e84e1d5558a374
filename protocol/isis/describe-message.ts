// How an ISIS frame reads in a trace's network events (Protocol.
// describeMessage): the body's kind in a word and a key a reader can match
// against the rest of the trace (`mc p1:3`, `flush v2/b7`, `install v3`,
// `hb`). Frames are the transport's (transport.ts): data and raw frames
// carry a body, an ack frame only a sequence number. Anything of another
// shape reads as `msg`, so a malformed frame never breaks the recording.
import type { MessageDescription } from '../types.ts';

const UNKNOWN: MessageDescription = { kind: 'msg', key: '' };

export function describeIsisMessage(msg: unknown): MessageDescription {
  if (typeof msg !== 'object' || msg === null) return UNKNOWN;
  const frame = msg as { t?: unknown; ack?: unknown; body?: unknown };
  switch (frame.t) {
    case 'a':
      return { kind: 'ack', key: typeof frame.ack === 'number' ? `<=${frame.ack}` : '' };
    case 'd':
    case 'r':
      return describeBody(frame.body);
    default:
      return UNKNOWN;
  }
}

type Body = Record<string, unknown> & { k?: unknown };

function viewBallot(b: Body, ballot: unknown): string {
  return `v${String(b.view)}/b${String(ballot)}`;
}

function describeBody(body: unknown): MessageDescription {
  if (typeof body !== 'object' || body === null) return UNKNOWN;
  const b = body as Body;
  switch (b.k) {
    case 'mc': {
      const m = b.m as { id?: unknown } | undefined;
      return { kind: 'mc', key: typeof m?.id === 'string' ? m.id : '' };
    }
    case 'ord':
      return { kind: 'ord', key: `v${String(b.view)}#${String(b.first)}` };
    case 'oack':
      return { kind: 'oack', key: `v${String(b.view)}#${String(b.known)}` };
    case 'stab':
      return { kind: 'stab', key: `v${String(b.view)}` };
    case 'freq':
      return { kind: 'flush', key: viewBallot(b, b.ballot) };
    case 'fok':
      return { kind: 'fok', key: viewBallot(b, b.ballot) };
    case 'nack':
      return { kind: 'nack', key: viewBallot(b, b.promised) };
    case 'acc':
      return { kind: 'acc', key: viewBallot(b, b.ballot) };
    case 'accd':
      return { kind: 'accd', key: viewBallot(b, b.ballot) };
    case 'inst': {
      const proposal = b.proposal as { view?: { id?: unknown } } | undefined;
      return { kind: 'install', key: `v${String(proposal?.view?.id)}` };
    }
    case 'leave':
      return { kind: 'leave', key: `v${String(b.view)}` };
    case 'join':
      return { kind: 'join', key: typeof b.joiner === 'string' ? b.joiner : '' };
    case 'hb':
      return { kind: 'hb', key: '' };
    case 'excl':
      return { kind: 'excl', key: `v${String(b.view)}` };
    case 'xack':
      return { kind: 'xack', key: `v${String(b.view)}` };
    default:
      return UNKNOWN;
  }
}
