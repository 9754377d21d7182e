/**
 * The reference `update` method (as findUpdateSource reads it from
 * src/optimizers) rewritten as the stand-alone function an exercise asks for;
 * the playground rewrites an `init` method so too.
 */
export function solutionFunction(method: string, name = 'update'): string {
  const lines = method.split('\n');
  const indent = /^\s*/.exec(lines[0])![0].length;
  return lines
    .map((line) => line.slice(Math.min(indent, /^\s*/.exec(line)![0].length)))
    .join('\n')
    .replace(new RegExp(`^${name}\\(`), `function ${name}(`)
    .replace(/,\s*$/, '');
}
