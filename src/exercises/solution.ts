/**
 * The reference `update` method (as findUpdateSource reads it from
 * src/optimizers) rewritten as the stand-alone function an exercise asks for.
 */
export function solutionFunction(method: string): string {
  const lines = method.split('\n');
  const indent = /^\s*/.exec(lines[0])![0].length;
  return lines
    .map((line) => line.slice(Math.min(indent, /^\s*/.exec(line)![0].length)))
    .join('\n')
    .replace(/^update\(/, 'function update(')
    .replace(/,\s*$/, '');
}
