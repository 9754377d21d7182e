import ts from 'typescript';

/** The verbatim lines of one method (an optimizer's `update`, a schedule's `lr`), and where they sit in its file. */
export interface UpdateSource {
  code: string;      // whole source lines, byte-for-byte as in the file
  startLine: number; // 1-based line of `update(` in the file
}

const stringValue = (node: ts.Node | undefined) =>
  node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;

/**
 * Finds the object literal whose `id` property is `id` and returns its `method`
 * property (`update` for optimizers). Whole lines are taken so that the shown
 * code is exactly the file's text; nothing is reformatted, so nothing can drift
 * from what the widgets run.
 */
export function findUpdateSource(fileText: string, id: string, method = 'update'): UpdateSource | undefined {
  const file = ts.createSourceFile('optimizer.ts', fileText, ts.ScriptTarget.Latest, true);
  let found: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isObjectLiteralExpression(node)) {
      const idProp = node.properties.find(
        (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(file) === 'id',
      );
      if (stringValue(idProp?.initializer) === id) {
        found = node.properties.find((p) => p.name?.getText(file) === method);
        if (found) return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  if (!found) return undefined;
  const start = file.getLineAndCharacterOfPosition(found.getStart(file));
  const end = file.getLineAndCharacterOfPosition(found.getEnd());
  const lines = fileText.split('\n').slice(start.line, end.line + 1);
  return { code: lines.join('\n'), startLine: start.line + 1 };
}

/**
 * Which formula lines each code line computes, from trailing `// (k)` or
 * `// (j, k)` comments (0-based code line → 1-based formula lines).
 */
export function formulaTags(code: string): Map<number, number[]> {
  const tags = new Map<number, number[]>();
  code.split('\n').forEach((line, i) => {
    const m = /\/\/\s*\(([\d,\s]+)\)\s*$/.exec(line);
    if (m) tags.set(i, m[1].split(',').map((k) => Number(k.trim())));
  });
  return tags;
}
