import ts from 'typescript';

/**
 * Reading an optimizer's `update` method out of its source file, for showing
 * the code beside the formula. Build-time only (it needs the TypeScript
 * compiler); the optimizers themselves never import this.
 */

/**
 * The text of the `update` method in the object literal whose `id` is `id`,
 * dedented so that `update(` starts at column 0. Throws if there is none.
 */
export function updateSource(fileText: string, id: string): string {
  const file = ts.createSourceFile('optimizer.ts', fileText, ts.ScriptTarget.Latest, true);
  let found: ts.MethodDeclaration | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isObjectLiteralExpression(node) && idOf(node) === id) {
      found = node.properties.find(
        (p): p is ts.MethodDeclaration => ts.isMethodDeclaration(p) && p.name.getText(file) === 'update',
      );
      if (found) return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  if (!found) throw new Error(`no update method in an object with id '${id}'`);
  const indent = file.getLineAndCharacterOfPosition(found.getStart(file)).character;
  return found
    .getText(file)
    .split('\n')
    .map((line, i) => (i === 0 ? line : line.replace(new RegExp(`^ {0,${indent}}`), '')))
    .join('\n');
}

/** For each line of `code` (0-based) that ends in `// (k)`, the formula line k it computes (1-based). */
export function formulaTags(code: string): { line: number; k: number }[] {
  return code.split('\n').flatMap((text, line) => {
    const match = /\/\/\s*\((\d+)\)\s*$/.exec(text);
    return match ? [{ line, k: Number(match[1]) }] : [];
  });
}

function idOf(node: ts.ObjectLiteralExpression): string | undefined {
  for (const p of node.properties) {
    if (ts.isPropertyAssignment(p) && p.name.getText() === 'id' && ts.isStringLiteral(p.initializer)) {
      return p.initializer.text;
    }
  }
  return undefined;
}
