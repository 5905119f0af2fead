import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Architecture fitness (style.md §2): the BFF's product code (`src/`, unit tests excluded) keeps
 * client-node inside `src/k8s/`, never imports the sandbox (it reaches it through a kubeconfig;
 * `src/embedded.ts` only resolves its entry file to spawn it), reads `process.env` only in
 * `src/env.ts` and writes to the console only in `src/server.ts`. ESLint has matching rules;
 * this test also catches what lint cannot see (dynamic imports, `require`, `import.meta.resolve`).
 */
const BFF = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(BFF, 'src');
const SANDBOX = resolve(BFF, '../sandbox');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

interface Use {
  file: string;
  line: number;
  what: string;
}

interface Facts {
  /** Module specifiers of static/dynamic imports, re-exports and `require()`. */
  imports: Use[];
  /** Arguments of `import.meta.resolve(...)`. */
  resolves: Use[];
  processEnv: Use[];
  consoleCalls: Use[];
}

function facts(files: string[]): Facts {
  const out: Facts = { imports: [], resolves: [], processEnv: [], consoleCalls: [] };
  for (const path of files) {
    const file = relative(BFF, path).split(sep).join('/');
    const sf = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const at = (node: ts.Node, what: string): Use => ({
      file,
      line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1,
      what,
    });
    const visit = (node: ts.Node): void => {
      if (
        (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
        node.moduleSpecifier &&
        ts.isStringLiteral(node.moduleSpecifier)
      ) {
        out.imports.push(at(node, node.moduleSpecifier.text));
      } else if (ts.isImportEqualsDeclaration(node)) {
        out.imports.push(at(node, node.moduleReference.getText(sf)));
      } else if (ts.isCallExpression(node)) {
        const callee = node.expression;
        const arg = node.arguments[0];
        const text = arg && ts.isStringLiteralLike(arg) ? arg.text : '<computed>';
        if (callee.kind === ts.SyntaxKind.ImportKeyword) out.imports.push(at(node, text));
        else if (ts.isIdentifier(callee) && callee.text === 'require')
          out.imports.push(at(node, text));
        else if (callee.getText(sf) === 'import.meta.resolve') out.resolves.push(at(node, text));
      } else if (ts.isPropertyAccessExpression(node)) {
        const text = node.getText(sf);
        if (text === 'process.env') out.processEnv.push(at(node, text));
        if (ts.isIdentifier(node.expression) && node.expression.text === 'console')
          out.consoleCalls.push(at(node, text));
      } else if (
        ts.isElementAccessExpression(node) &&
        node.expression.getText(sf) === 'process' &&
        ts.isStringLiteralLike(node.argumentExpression) &&
        node.argumentExpression.text === 'env'
      ) {
        out.processEnv.push(at(node, node.getText(sf)));
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

const where = (uses: Use[]) => uses.map((u) => `${u.file}:${u.line} ${u.what}`);

/** True when a relative specifier in `file` points into the sandbox's package. */
function intoSandbox(u: Use): boolean {
  if (!u.what.startsWith('.')) return false;
  const target = resolve(BFF, dirname(u.file), u.what);
  return target === SANDBOX || target.startsWith(SANDBOX + sep);
}

describe('BFF architecture', () => {
  const files = sourceFiles(SRC);
  const f = facts(files);

  it('scans the product code', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(f.imports.length).toBeGreaterThan(100);
    // The scanner sees what it must police (these uses are allowed where they are).
    expect(
      where(f.imports).some(
        (w) => w.startsWith('src/k8s/') && w.endsWith('@kubernetes/client-node'),
      ),
    ).toBe(true);
    expect(where(f.processEnv)).toEqual([expect.stringMatching(/^src\/env\.ts:\d+ process\.env$/)]);
  });

  it('imports @kubernetes/client-node only under src/k8s/', () => {
    const outside = f.imports.filter(
      (u) => u.what.startsWith('@kubernetes/client-node') && !u.file.startsWith('src/k8s/'),
    );
    expect(where(outside)).toEqual([]);
  });

  it('never imports the sandbox, the hypervisor agent or the console', () => {
    const bad = f.imports.filter(
      (u) =>
        /^@dvp\/(sandbox|hypervisor-agent|console)(\/|$)/.test(u.what) ||
        /(^|\/)apps\/(sandbox|console)(\/|$)/.test(u.what) ||
        intoSandbox(u),
    );
    expect(where(bad)).toEqual([]);
  });

  it('only resolves the sandbox entry (to spawn it) in src/embedded.ts', () => {
    const sandbox = f.resolves.filter((u) => u.what.startsWith('@dvp/sandbox'));
    expect(sandbox.map((u) => [u.file, u.what])).toEqual([
      ['src/embedded.ts', '@dvp/sandbox/main'],
    ]);
    expect(where(f.resolves.filter((u) => u.file !== 'src/embedded.ts'))).toEqual([]);
  });

  it('reads process.env only in src/env.ts', () => {
    expect(where(f.processEnv.filter((u) => u.file !== 'src/env.ts'))).toEqual([]);
  });

  it('writes to the console only in src/server.ts (everything else logs JSON)', () => {
    expect(where(f.consoleCalls.filter((u) => u.file !== 'src/server.ts'))).toEqual([]);
  });
});
