// The branch points of a script: every place where control may or may not
// go. V8 reports a block only when its count differs from the enclosing
// one, so its reports alone give no stable total; the points come from the
// syntax of the code V8 ran (parsed with the TypeScript compiler's parser),
// and V8's counts say which of them ran.
import { createRequire } from 'node:module';
import type * as TS from 'typescript';
import { InputError } from '../../core/input-error.ts';

export const BRANCH_KINDS = ['function', 'then', 'else', 'case', 'cond-true', 'cond-false', 'right-operand'] as const;
export type BranchKind = (typeof BRANCH_KINDS)[number];

export interface BranchPoint {
  kind: BranchKind;
  /** An offset inside the branch, into the script's source: V8's innermost range there holds its count. */
  offset: number;
}

let typescript: typeof TS | null = null;

function loadTypescript(): typeof TS {
  if (typescript !== null) return typescript;
  try {
    typescript = createRequire(import.meta.url)('typescript') as typeof TS;
  } catch {
    throw new InputError('--coverage: the typescript package is needed to find branches (npm install typescript)');
  }
  return typescript;
}

/** Bound on the points of one script: a generated file of absurd size still ends. */
const MAX_POINTS_PER_SCRIPT = 100_000;

export function branchPoints(source: string): BranchPoint[] {
  const ts = loadTypescript();
  const file = ts.createSourceFile('script.js', source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const points: BranchPoint[] = [];
  const add = (kind: BranchKind, node: TS.Node | undefined): void => {
    if (node === undefined || points.length >= MAX_POINTS_PER_SCRIPT) return;
    points.push({ kind, offset: probeOffset(ts, node, file) });
  };
  const visit = (node: TS.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body !== undefined) {
      add('function', node.body as TS.Node);
    } else if (ts.isIfStatement(node)) {
      add('then', node.thenStatement);
      add('else', node.elseStatement);
    } else if (ts.isCaseClause(node) || ts.isDefaultClause(node)) {
      // `case 'a': case 'b': body`: the empty clause falls into the next one.
      if (node.statements.length > 0) add('case', node);
    } else if (ts.isConditionalExpression(node)) {
      add('cond-true', node.whenTrue);
      add('cond-false', node.whenFalse);
    } else if (ts.isBinaryExpression(node) && isShortCircuit(ts, node.operatorToken.kind)) {
      add('right-operand', node.right);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return points;
}

function isShortCircuit(ts: typeof TS, kind: TS.SyntaxKind): boolean {
  const k = ts.SyntaxKind;
  return kind === k.AmpersandAmpersandToken || kind === k.BarBarToken || kind === k.QuestionQuestionToken
    || kind === k.AmpersandAmpersandEqualsToken || kind === k.BarBarEqualsToken || kind === k.QuestionQuestionEqualsToken;
}

/** Inside the branch: a block's first statement (V8's block range may start at or after the brace). */
function probeOffset(ts: typeof TS, node: TS.Node, file: TS.SourceFile): number {
  if (ts.isBlock(node)) {
    const first = node.statements[0];
    return first !== undefined ? first.getStart(file) : node.getStart(file) + 1;
  }
  if (ts.isCaseClause(node) || ts.isDefaultClause(node)) return node.statements[0]!.getStart(file);
  return node.getStart(file);
}
