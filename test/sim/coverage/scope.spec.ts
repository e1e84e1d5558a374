// What coverage counts: protocol/isis (from sources, from an installed
// package's maps), a plugin's own folder; never dist/ JavaScript, the
// simulator, or a plugin's node_modules.
import { describe, expect, it } from 'vitest';
import { protocolScope } from '../../../sim/coverage/scope.ts';

describe('protocolScope', () => {
  it('counts protocol/isis sources, also of an installed package, and not the rest', () => {
    const scope = protocolScope();
    expect(scope.file('/repo/protocol/isis/abcast.ts')).toBe(true);
    expect(scope.file('/app/node_modules/vsynclab/protocol/isis/abcast.ts')).toBe(true);
    expect(scope.file('/repo/dist/protocol/isis/abcast.js')).toBe(false);
    expect(scope.file('/repo/sim/run.ts')).toBe(false);
    expect(scope.file('/repo/protocol/mutants/fifo-gap.ts')).toBe(false);
    expect(scope.script('file:///repo/dist/protocol/isis/abcast.js')).toBe(true);
    expect(scope.script('node:internal/modules/run_main')).toBe(false);
  });

  it("counts a plugin's own folder, not its node_modules", () => {
    const scope = protocolScope(['/work/plugin/index.ts']);
    expect(scope.file('/work/plugin/lib/proto.ts')).toBe(true);
    expect(scope.file('/work/plugin/node_modules/dep/index.js')).toBe(false);
    expect(scope.script('file:///work/plugin/lib/proto.ts')).toBe(true);
    expect(scope.file('/work/other/proto.ts')).toBe(false);
  });
});
