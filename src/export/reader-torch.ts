/**
 * The reader's playground optimizer, translated to PyTorch: from the syntax
 * tree of their JavaScript (the editor's own parser, @lezer/javascript; the
 * code is never run on the page) to a Python class `YourOptimizer` of the
 * exported script, statement by statement. The tensor operations keep their
 * TensorFlow.js names as `tf.add(…)` (tfjs_ops.py implements them on torch
 * tensors), so the translation reads line for line against the reader's code.
 *
 * It covers what the playground's code is made of: `const hp`, functions
 * (`init`, `update` and helpers, arrow functions too), const/let, destructuring
 * of objects and arrays, if/else, for, for…of and while loops, return, throw,
 * numbers, strings and template strings, arrays and objects (spread included),
 * arithmetic, comparisons and logic, the ternary, the listed tensor operations
 * and Math. Anything else (a method call on a tensor, `continue`, classes,
 * regular expressions, a variable of an outer function assigned to, …) makes
 * the translation stop with the construct and its line, which the Embed dialog
 * shows; the script then holds the built-in optimizers only.
 */
import { parser } from '@lezer/javascript';
import type { SyntaxNode } from '@lezer/common';
import { opNames } from '../exercises/ops';

/**
 * The translation, with the program's `scope` ('matrix': its rule takes the hidden weight
 * matrices and AdamW the rest, as the playground runs it), or what could not be translated.
 */
export type Translation = { ok: true; python: string; scope: 'tensor' | 'matrix' } | { ok: false; message: string };

class Untranslatable extends Error {}

/** Names the generated code uses itself, and Python's keywords: a reader's variable of that name gets a trailing _. */
const reserved = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else',
  'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise',
  'return', 'try', 'while', 'with', 'yield', 'match', 'case',
  'tf', 'Math', 'math', 'torch', 'np', 'F', 'prop', 'unpack', 'self', 'len', 'range', 'str', 'list', 'dict', 'float', 'int',
  'abs', 'min', 'max', 'sum', 'round', 'pow', 'super', 'print', 'object', 'type', 'RuntimeError', 'your_code',
]);

const binary: Record<string, string> = {
  '+': '+', '-': '-', '*': '*', '/': '/', '**': '**',
  '<': '<', '>': '>', '<=': '<=', '>=': '>=', '===': '==', '!==': '!=', '==': '==', '!=': '!=',
  '&&': 'and', '||': 'or',
  // `key in state`: the state is a Python dict, as every object of the program is.
  in: 'in',
};
const compound = new Set(['+=', '-=', '*=', '/=', '**=']);

/** The reader's program as the Python class `YourOptimizer`, or what could not be translated and where. */
export function translateReader(source: string): Translation {
  const tree = parser.parse(source);
  const line = (n: SyntaxNode) => source.slice(0, n.from).split('\n').length;
  const text = (n: SyntaxNode) => source.slice(n.from, n.to);
  const fail = (n: SyntaxNode, what: string): never => {
    throw new Untranslatable(`line ${line(n)}: ${what} cannot be translated to PyTorch`);
  };
  const kids = (n: SyntaxNode): SyntaxNode[] => {
    const out: SyntaxNode[] = [];
    for (let c = n.firstChild; c; c = c.nextSibling) if (c.name !== 'LineComment' && c.name !== 'BlockComment') out.push(c);
    return out;
  };
  const punctuation = new Set(['(', ')', '[', ']', '{', '}', ',', ';', ':', '.']);
  const parts = (n: SyntaxNode) => kids(n).filter((c) => !punctuation.has(c.name));

  // Every name the program declares: an op of that name is then the reader's own.
  const declared = new Set<string>();
  let syntaxError: SyntaxNode | null = null;
  tree.iterate({
    enter(ref) {
      if (ref.type.isError && !syntaxError) syntaxError = ref.node;
      if (ref.name === 'VariableDefinition') declared.add(source.slice(ref.from, ref.to));
    },
  });
  if (syntaxError) return { ok: false, message: `line ${line(syntaxError)}: the code cannot be parsed` };

  const name = (js: string): string => {
    const n = js.replace(/\$/g, '_dollar_');
    return reserved.has(n) ? `${n}_` : n;
  };

  /** Names a function may assign to: its parameters and its own declarations (Python would need nonlocal otherwise). */
  let scope: Set<string> = new Set();

  function jsString(n: SyntaxNode): string {
    const raw = text(n);
    const body = raw.slice(1, -1).replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[^])/g, (_, e: string) => {
      if (e[0] === 'u') return String.fromCodePoint(parseInt(e.replace(/[u{}]/g, ''), 16));
      if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
      return ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', 0: '\0' } as Record<string, string>)[e] ?? e;
    });
    return JSON.stringify(body);
  }

  function template(n: SyntaxNode): string {
    const pieces: string[] = [];
    let at = n.from + 1;
    for (const c of kids(n)) {
      if (c.name !== 'Interpolation') continue;
      if (c.from > at) pieces.push(JSON.stringify(source.slice(at, c.from)));
      const inner = kids(c).filter((k) => k.name !== 'InterpolationStart' && k.name !== 'InterpolationEnd');
      pieces.push(`str(${expr(inner[0])})`);
      at = c.to;
    }
    if (n.to - 1 > at) pieces.push(JSON.stringify(source.slice(at, n.to - 1)));
    return pieces.length ? `(${pieces.join(' + ')})` : '""';
  }

  function member(n: SyntaxNode): string {
    const [object, op, property] = kids(n);
    if (op.name === '?.') fail(n, 'optional chaining (?.)');
    if (op.name === '[') return `${expr(object)}[${expr(property)}]`;
    if (object.name === 'VariableName' && text(object) === 'Math' && !declared.has('Math')) {
      if (!/^(PI|E|sqrt|exp|log|floor|ceil|abs|tanh|hypot|max|min|pow|round|sign|log2|log10|cbrt)$/.test(text(property))) fail(property, `Math.${text(property)}`);
      return `Math.${text(property)}`;
    }
    return `prop(${expr(object)}, ${JSON.stringify(text(property))})`;
  }

  function call(n: SyntaxNode): string {
    const [callee, argList] = kids(n);
    // The callee first, so that an error names the outermost call that cannot be translated.
    let f: string;
    if (callee.name === 'VariableName') {
      const v = text(callee);
      if (opNames.includes(v) && !declared.has(v)) f = `tf.${v}`;
      else if (declared.has(v)) f = name(v);
      else return fail(callee, `the function ${v}, which is not one of the listed operations,`);
    } else if (callee.name === 'MemberExpression' && text(callee).startsWith('Math.')) f = member(callee);
    else if (callee.name === 'MemberExpression' && text(kids(callee)[2]) === 'join' && kids(callee)[1].name !== '?.') {
      // An array joined into text (a shape in an error message): JavaScript's join writes each item as its text.
      const args = parts(argList);
      if (args.length > 1) fail(n, 'join with more than one argument');
      return `js_join(${expr(kids(callee)[0])}${args.length ? `, ${bare(expr(args[0]))}` : ''})`;
    } else return fail(callee, `the call ${text(callee)}(…)`);
    const args = parts(argList);
    if (args.some((a) => a.name === 'Spread')) fail(n, 'a spread argument (...)');
    return `${f}(${args.map((a) => bare(expr(a))).join(', ')})`;
  }

  /**
   * Python parameters for JavaScript's: each defaults to None (a missing
   * argument is undefined) and `*_` takes the extra ones (JavaScript ignores
   * them), so `update(param, grad, state)` may leave out hp and t.
   */
  function arrowParams(params: SyntaxNode, prelude: string[]): string[] {
    const list = params.name === 'ParamList' ? parts(params) : [params];
    return [...list.map((p, i) => {
      if (p.name === 'VariableDefinition') return `${name(text(p))}=None`;
      const arg = `arg${i}_`;
      destructure(p, arg, prelude);
      return `${arg}=None`;
    }), '*_'];
  }

  function expr(n: SyntaxNode): string {
    switch (n.name) {
      case 'Number': {
        const t = text(n);
        if (/n$/.test(t) || /^0\d/.test(t)) fail(n, `the number ${t}`);
        return t;
      }
      case 'String': return jsString(n);
      case 'TemplateString': return template(n);
      case 'BooleanLiteral': return text(n) === 'true' ? 'True' : 'False';
      case 'null': return 'None';
      case 'VariableName': {
        const v = text(n);
        if (!declared.has(v)) {
          if (v === 'undefined') return 'None';
          if (v === 'Infinity') return 'math.inf';
          if (v === 'NaN') return 'math.nan';
          if (opNames.includes(v)) return `tf.${v}`;
          fail(n, `the name ${v}, which the code does not define,`);
        }
        return name(v);
      }
      case 'ParenthesizedExpression': return wrapped(expr(parts(n)[0]));
      case 'MemberExpression': return member(n);
      case 'CallExpression': return call(n);
      case 'ArrayExpression': {
        const items = parts(n);
        if (items.some((c) => c.name === 'Spread')) fail(n, 'a spread in an array (...)');
        return `[${items.map(expr).join(', ')}]`;
      }
      case 'ObjectExpression': {
        const entries = parts(n).map((p) => {
          const [first, ...rest] = kids(p);
          if (first.name === 'Spread') return `**${expr(rest[0])}`;
          if (first.name !== 'PropertyDefinition' || (rest.length && rest[0].name !== ':')) fail(p, 'this kind of object entry');
          const key = JSON.stringify(text(first));
          return rest.length ? `${key}: ${expr(rest[1])}` : `${key}: ${expr(first)}`;
        });
        return `{${entries.join(', ')}}`;
      }
      case 'PropertyDefinition': { // shorthand { m }: the variable m
        const v = text(n);
        if (!declared.has(v)) fail(n, `the name ${v}, which the code does not define,`);
        return name(v);
      }
      case 'BinaryExpression': {
        const [left, op, right] = kids(n);
        const o = text(op);
        if (o === '%') return `math.fmod(${expr(left)}, ${expr(right)})`; // JavaScript's remainder keeps the dividend's sign
        if (!(o in binary)) fail(op, `the operator ${o}`);
        return `(${expr(left)} ${binary[o]} ${expr(right)})`;
      }
      case 'UnaryExpression': {
        const [op, operand] = kids(n);
        const o = text(op);
        if (o === '-' || o === '+') return `(${o}${expr(operand)})`;
        if (o === '!') return `(not ${expr(operand)})`;
        return fail(op, `the operator ${o} inside an expression`);
      }
      case 'ConditionalExpression': {
        const [test, , yes, , no] = kids(n);
        return `(${expr(yes)} if ${expr(test)} else ${expr(no)})`;
      }
      case 'ArrowFunction': {
        const [params, , body] = kids(n);
        if (body.name === 'Block') fail(n, 'an arrow function with a block body, outside a declaration,');
        const prelude: string[] = [];
        const names = arrowParams(params, prelude);
        if (prelude.length) fail(params, 'a destructured parameter of an inline arrow function');
        return `(lambda ${names.join(', ')}: ${expr(body)})`;
      }
      default:
        return fail(n, n.name === 'AssignmentExpression' ? 'an assignment inside an expression' : `“${text(n).slice(0, 30)}”`);
    }
  }

  /** `target = value` for a pattern: lines that bind its names from `value` (a Python expression). */
  function destructure(pattern: SyntaxNode, value: string, out: string[]): void {
    if (pattern.name === 'VariableDefinition') {
      scope.add(text(pattern));
      out.push(`${name(text(pattern))} = ${value}`);
      return;
    }
    if (pattern.name === 'ObjectPattern') {
      for (const p of parts(pattern)) {
        const ks = kids(p);
        if (ks[0].name === 'Spread') fail(p, 'a rest element (...)');
        // { v }, { v = 1 }, { momentum: mu }, { momentum: mu = 1 }
        const key = text(ks[0]);
        const target = ks[1]?.name === ':' ? ks[2] : ks[0];
        const eq = ks.findIndex((k) => k.name === 'Equals');
        if (target.name !== 'VariableDefinition') fail(target, 'a nested pattern');
        scope.add(text(target));
        out.push(`${name(text(target))} = prop(${value}, ${JSON.stringify(key)}${eq >= 0 ? `, ${expr(ks[eq + 1])}` : ''})`);
      }
      return;
    }
    if (pattern.name === 'ArrayPattern') {
      // Holes (`[, b]`) stand between two commas; lezer keeps the commas, so count slots by them.
      const slots: (SyntaxNode | null)[] = [null];
      for (const c of kids(pattern)) {
        if (c.name === '[' || c.name === ']') continue;
        if (c.name === ',') slots.push(null);
        else if (c.name === 'VariableDefinition') slots[slots.length - 1] = c;
        else fail(c, 'this element of an array pattern');
      }
      if (slots.length > 1 && slots[slots.length - 1] === null) slots.pop(); // a trailing comma
      slots.forEach((s) => s && scope.add(text(s)));
      out.push(`${slots.map((s) => (s ? name(text(s)) : '_')).join(', ')}${slots.length === 1 ? ',' : ''} = unpack(${value}, ${slots.length})`);
      return;
    }
    fail(pattern, 'this pattern');
  }

  const indent = (lines: string[]) => lines.map((l) => `    ${l}`);
  // A Python block needs a statement: comments alone get a pass.
  const body = (lines: string[]) => (lines.some((l) => !l.trimStart().startsWith('#')) ? indent(lines) : indent([...lines, 'pass']));

  function func(fnName: string, params: SyntaxNode, block: SyntaxNode): string[] {
    const outer = scope;
    scope = new Set();
    const prelude: string[] = [];
    const names = arrowParams(params, prelude);
    for (const p of parts(params)) if (p.name === 'VariableDefinition') scope.add(text(p));
    const inner = block.name === 'Block' ? statements(block) : [`return ${expr(block)}`];
    scope = outer;
    scope.add(fnName);
    return [`def ${name(fnName)}(${names.join(', ')}):`, ...body([...prelude, ...inner])];
  }

  function declaration(n: SyntaxNode): string[] {
    const out: string[] = [];
    const ks = kids(n).filter((c) => !['const', 'let', 'var', ';', ','].includes(c.name));
    for (let i = 0; i < ks.length; i++) {
      const target = ks[i];
      const hasValue = ks[i + 1]?.name === 'Equals';
      const value = hasValue ? ks[i + 2] : null;
      if (hasValue) i += 2;
      if (value?.name === 'ArrowFunction' && target.name === 'VariableDefinition') {
        const [params, , fbody] = kids(value);
        out.push(...func(text(target), params, fbody));
        continue;
      }
      if (!value) {
        if (target.name !== 'VariableDefinition') fail(target, 'a pattern without a value');
        scope.add(text(target));
        out.push(`${name(text(target))} = None`);
      } else destructure(target, bare(expr(value)), out);
    }
    return out;
  }

  function assignTarget(n: SyntaxNode): string {
    if (n.name === 'VariableName') {
      const v = text(n);
      if (!scope.has(v)) fail(n, `assigning to ${v}, which this function does not declare,`);
      return name(v);
    }
    if (n.name === 'MemberExpression') {
      const [object, op, property] = kids(n);
      if (op.name === '[') return `${expr(object)}[${expr(property)}]`;
      if (op.name === '.') return `${expr(object)}[${JSON.stringify(text(property))}]`;
    }
    return fail(n, 'assigning to this');
  }

  function statement(n: SyntaxNode): string[] {
    switch (n.name) {
      case 'LineComment': return [`# ${text(n).slice(2).trim()}`];
      case 'BlockComment': return text(n).slice(2, -2).split('\n').map((l) => `# ${l.replace(/^\s*\*?\s?/, '').trimEnd()}`.trimEnd());
      case ';': return [];
      case 'VariableDeclaration': return declaration(n);
      case 'FunctionDeclaration': {
        const [, fname, params, block] = kids(n);
        return func(text(fname), params, block);
      }
      case 'ReturnStatement': {
        const [, value] = kids(n).filter((c) => c.name !== ';');
        return [value ? `return ${bare(expr(value))}` : 'return None'];
      }
      case 'ThrowStatement': {
        const [, value] = kids(n).filter((c) => c.name !== ';');
        const error = value.name === 'NewExpression' ? kids(value) : null;
        if (!error || text(error[1]) !== 'Error') return fail(n, 'a throw of anything but new Error(…)');
        return [`raise RuntimeError(${parts(error[2]).map(expr).join(', ')})`];
      }
      case 'ExpressionStatement': return expressionStatement(kids(n).filter((c) => c.name !== ';')[0]);
      case 'Block': return statements(n);
      case 'IfStatement': {
        const [, test, yes, , no] = kids(n);
        const out = [`if ${condition(test)}:`, ...body(statement(yes))];
        if (!no) return out;
        const rest = statement(no);
        if (no.name === 'IfStatement') return [...out, `el${rest[0]}`, ...rest.slice(1)];
        return [...out, 'else:', ...body(rest)];
      }
      case 'WhileStatement': {
        const [, test, loop] = kids(n);
        return [`while ${condition(test)}:`, ...body(statement(loop))];
      }
      case 'ForStatement': {
        const [, spec, loop] = kids(n);
        const inside = kids(spec).filter((c) => c.name !== '(' && c.name !== ')');
        if (spec.name === 'ForOfSpec') {
          // for (const x of xs)
          const target = inside.find((c) => c.name === 'VariableDefinition');
          const iterable = inside[inside.findIndex((c) => c.name === 'of') + 1];
          if (!target || !iterable) return fail(spec, 'this for…of loop');
          scope.add(text(target));
          return [`for ${name(text(target))} in ${expr(iterable)}:`, ...body(statement(loop))];
        }
        if (spec.name !== 'ForSpec') return fail(spec, 'this kind of for loop');
        // for (init; test; update) body  →  init, then while test: body, update. A declaration keeps its own ';'.
        const [init, test, update]: SyntaxNode[][] = [[], [], []];
        let segment = 0;
        for (const c of inside) {
          if (c.name === ';') segment++;
          else {
            [init, test, update][segment].push(c);
            if (c.name === 'VariableDeclaration' && text(c).trimEnd().endsWith(';')) segment++;
          }
        }
        const initLines = init.flatMap((c) => (c.name === 'VariableDeclaration' ? declaration(c) : expressionStatement(c)));
        const updateLines = update.flatMap(expressionStatement);
        return [...initLines, `while ${test.length ? condition(test[0]) : 'True'}:`, ...body([...statement(loop), ...updateLines])];
      }
      case 'BreakStatement': return ['break'];
      case 'ContinueStatement': return fail(n, 'continue');
      default: return fail(n, `“${text(n).split('\n')[0].slice(0, 30)}”`);
    }
  }

  /** An expression as a statement: an assignment, ++ and --, or an expression evaluated for nothing (a call). */
  function expressionStatement(e: SyntaxNode): string[] {
    if (e.name === 'AssignmentExpression') {
      const [target, op, value] = kids(e);
      const o = text(op);
      if (o !== '=' && !compound.has(o)) fail(op, `the operator ${o}`);
      return [`${assignTarget(target)} ${o} ${bare(expr(value))}`];
    }
    if (e.name === 'PostfixExpression' || (e.name === 'UnaryExpression' && /^(\+\+|--)$/.test(text(kids(e)[0])))) {
      const [a, b] = kids(e);
      const [target, op] = e.name === 'PostfixExpression' ? [a, b] : [b, a];
      return [`${assignTarget(target)} ${text(op) === '++' ? '+=' : '-='} 1`];
    }
    return [expr(e)];
  }

  /** An if's or a loop's test without the parentheses JavaScript requires and Python does not. */
  function condition(n: SyntaxNode): string {
    return bare(expr(n.name === 'ParenthesizedExpression' ? parts(n)[0] : n));
  }

  /** Python text in parentheses, which binary operators and the ternary already bring (so JavaScript's own add none). */
  const enclosed = (e: string) => /^\(.*\)$/.test(e) && balanced(e.slice(1, -1));
  const wrapped = (e: string) => (enclosed(e) ? e : `(${e})`);
  /** Without its outer parentheses: where nothing binds tighter around it (a statement's value, an argument). */
  const bare = (e: string) => (enclosed(e) ? e.slice(1, -1) : e);

  /** True when no closing parenthesis in `e` comes before its opening one (so outer parentheses may go). */
  function balanced(e: string): boolean {
    let depth = 0;
    for (const ch of e.replace(/"(?:[^"\\]|\\.)*"/g, '""')) {
      depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
      if (depth < 0) return false;
    }
    return depth === 0;
  }

  function statements(block: SyntaxNode): string[] {
    const out: string[] = [];
    let previous: { line: number; lines: number } | null = null;
    for (let c = block.firstChild; c; c = c.nextSibling) {
      if (c.name === '{' || c.name === '}') continue;
      const lines = statement(c);
      // A comment at the end of a one-line statement stays at its end, as `# (1)` marks formula line 1.
      if (c.name === 'LineComment' && previous?.lines === 1 && previous.line === line(c)) out[out.length - 1] += `  ${lines[0]}`;
      else out.push(...lines);
      previous = { line: source.slice(0, c.to).split('\n').length, lines: lines.length };
    }
    return out;
  }

  /** The value of a top-level `const scope = 'matrix'` (the playground reads the same binding), else 'tensor'. */
  const declaredScope = (): 'tensor' | 'matrix' => {
    for (const st of kids(tree.topNode)) {
      if (st.name !== 'VariableDeclaration') continue;
      const [, ...rest] = kids(st);
      for (let i = 0; i < rest.length; i++) {
        if (rest[i].name === 'VariableDefinition' && text(rest[i]) === 'scope' && rest[i + 2]?.name === 'String') return text(rest[i + 2]).slice(1, -1) === 'matrix' ? 'matrix' : 'tensor';
      }
    }
    return 'tensor';
  };

  try {
    scope = new Set();
    const program = statements(tree.topNode);
    for (const f of ['init', 'update']) if (!declared.has(f)) return { ok: false, message: `the code does not define ${f}` };
    const evalPoint = declared.has('evalPoint');
    return {
      ok: true,
      scope: declaredScope(),
      python: [
        'def your_code():',
        '    """The playground\'s code, translated from its JavaScript: tf.* are TensorFlow.js\'s operations (above)."""',
        ...body(program),
        `    return init, update, ${evalPoint ? 'evalPoint' : 'None'}`,
        '',
        '',
        'class YourOptimizer(DescentRule):',
        '    """Your optimizer from the playground: init and update as you wrote them, per tensor (as the playground runs them)."""',
        '',
        '    def __init__(self, groups):',
        '        self.init, self.update, self.your_eval_point = your_code()',
        '        super().__init__(groups)',
        '',
        '    def eval_point(self, p, state, hp):',
        '        """Where the model is evaluated: your evalPoint, where the code defines one."""',
        '        return p if self.your_eval_point is None else self.your_eval_point(p, state, hp)',
        '',
        '',
        'DESCENT_RULES["yours"] = YourOptimizer',
      ].join('\n'),
    };
  } catch (e) {
    if (e instanceof Untranslatable) return { ok: false, message: e.message };
    throw e;
  }
}
