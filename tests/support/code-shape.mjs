// Holds the Rust sources to a shape that stays reviewable: no file over 400 lines, no function
// over 80 lines (from its `fn` line to its closing brace). Files count whole, tests included;
// functions inside `#[cfg(test)]` modules are exempt, since a table of test vectors reads best
// long. Closures are not functions here: they are counted within the `fn` that holds them.
//
//   node tests/support/code-shape.mjs [SRC]   exit 1 listing each offender, else one summary line
//
// It reads Rust with a small lexer rather than regular expressions: a brace inside a string, a
// raw string, a char literal or a comment must not end a function early, and `'a` (a lifetime)
// must not open a char literal that swallows the rest of the line.
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';

/** Longest file, in lines. */
export const MAX_FILE_LINES = 400;
/** Longest function outside test modules, in lines. */
export const MAX_FN_LINES = 80;

const isIdentStart = (c) => /[\p{XID_Start}_]/u.test(c);
const isIdentChar = (c) => /[\p{XID_Continue}]/u.test(c);

/**
 * The significant tokens of Rust source `text`: identifiers (keywords included) and single
 * punctuation characters, each as `{ t, line }`. Comments, whitespace, string, char and number
 * literals and lifetimes produce nothing; string literals produce one `{ t: '"' }` token so that
 * an attribute like `#[path = "x.rs"]` keeps its shape.
 */
export function lex(text) {
  const tokens = [];
  let i = 0;
  let line = 1;
  const n = text.length;
  // Advances past text[i..end), counting the newlines in it.
  const skipTo = (end) => {
    for (let k = i; k < end && k < n; k++) if (text[k] === '\n') line++;
    i = Math.min(end, n);
  };
  // A quoted string from the `"` at `start` (escapes honoured); returns the index past it.
  const quotedEnd = (start) => {
    let k = start + 1;
    while (k < n && text[k] !== '"') k += text[k] === '\\' ? 2 : 1;
    return k + 1;
  };
  // A raw string from the `#`s or `"` at `start`: r"..." or r#"..."# with any number of #s.
  const rawEnd = (start) => {
    let k = start;
    let hashes = 0;
    while (text[k] === '#') {
      hashes++;
      k++;
    }
    const close = '"' + '#'.repeat(hashes);
    const end = text.indexOf(close, k + 1);
    return end < 0 ? n : end + close.length;
  };
  while (i < n) {
    const c = text[i];
    const next = text[i + 1];
    if (c === '\n') {
      line++;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (c === '/' && next === '/') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? n : end; // the newline itself is counted by the loop
    } else if (c === '/' && next === '*') {
      // Block comments nest in Rust.
      let depth = 1;
      let k = i + 2;
      while (k < n && depth > 0) {
        if (text[k] === '/' && text[k + 1] === '*') {
          depth++;
          k += 2;
        } else if (text[k] === '*' && text[k + 1] === '/') {
          depth--;
          k += 2;
        } else k++;
      }
      skipTo(k);
    } else if (c === '"') {
      const startLine = line;
      skipTo(quotedEnd(i));
      tokens.push({ t: '"', line: startLine });
    } else if (c === "'") {
      // A char literal ('x', '\n', '\u{1F600}', '\'') or a lifetime / loop label ('a, 'static).
      if (next === '\\') {
        let k = i + 3; // past the quote, the backslash and the escaped character
        while (k < n && text[k] !== "'" && text[k] !== '\n') k++;
        skipTo(k + 1);
      } else {
        const cp = text.codePointAt(i + 1);
        const width = cp !== undefined && cp > 0xffff ? 2 : 1;
        if (text[i + 1 + width] === "'") skipTo(i + 2 + width);
        else {
          let k = i + 1;
          while (k < n && isIdentChar(text[k])) k++;
          i = k;
        }
      }
    } else if (isIdentStart(c)) {
      let k = i;
      while (k < n && isIdentChar(text[k])) k++;
      const word = text.slice(i, k);
      // String prefixes: b"", c"", r"", r#""#, br#""#, cr#""#; b'x' falls to the char branch.
      if ((word === 'b' || word === 'c') && text[k] === '"') {
        const startLine = line;
        skipTo(quotedEnd(k));
        tokens.push({ t: '"', line: startLine });
      } else if ((word === 'r' || word === 'br' || word === 'cr') && /^#*"/.test(text.slice(k, k + 300))) {
        const startLine = line;
        skipTo(rawEnd(k));
        tokens.push({ t: '"', line: startLine });
      } else if (word === 'r' && text[k] === '#' && isIdentStart(text[k + 1] ?? '')) {
        // A raw identifier (r#type, r#fn): an identifier, never a keyword.
        let m = k + 1;
        while (m < n && isIdentChar(text[m])) m++;
        tokens.push({ t: text.slice(i, m), line });
        i = m;
      } else {
        tokens.push({ t: word, line });
        i = k;
      }
    } else if (c >= '0' && c <= '9') {
      // A number (1_000, 0x1f, 1.5e3, 2u8): nothing to count. `1..2` keeps its dots.
      let k = i + 1;
      while (k < n && (isIdentChar(text[k]) || (text[k] === '.' && /[0-9]/.test(text[k + 1] ?? '')))) k++;
      i = k;
    } else {
      tokens.push({ t: c, line });
      i++;
    }
  }
  return { tokens, lines: line };
}

/** Index of the token closing the bracket opened at `open` (or the last index, if unbalanced). */
function closing(tokens, open) {
  const pairs = { '{': '}', '(': ')', '[': ']' };
  const want = pairs[tokens[open].t];
  const openT = tokens[open].t;
  let depth = 0;
  for (let k = open; k < tokens.length; k++) {
    if (tokens[k].t === openT) depth++;
    else if (tokens[k].t === want && --depth === 0) return k;
  }
  return tokens.length - 1;
}

/** Whether the attribute tokens between `[` and `]` are a `cfg` that holds only in tests. */
function isCfgTest(attr) {
  const words = attr.map((x) => x.t);
  return words[0] === 'cfg' && words.includes('test') && !words.includes('not');
}

/**
 * The shape of one file: its line count, every `fn` with a body (name, line, length, whether it
 * is inside a test module), and the names of child modules declared `#[cfg(test)] mod x;`.
 */
export function shape(text) {
  const { tokens } = lex(text);
  const lines = text.length === 0 ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  const fns = [];
  const testModFiles = [];
  const testRanges = []; // [open, close] token indices of #[cfg(test)] mod bodies
  let wholeFileTest = false;
  let pendingTest = false; // a #[cfg(test)] seen, waiting for the item it applies to
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k].t;
    if (t === '#' && (tokens[k + 1]?.t === '[' || (tokens[k + 1]?.t === '!' && tokens[k + 2]?.t === '['))) {
      const inner = tokens[k + 1].t === '!';
      const open = k + (inner ? 2 : 1);
      const close = closing(tokens, open);
      if (isCfgTest(tokens.slice(open + 1, close))) {
        if (inner) wholeFileTest = true;
        else pendingTest = true;
      }
      k = close;
      continue;
    }
    if (t === 'pub') {
      if (tokens[k + 1]?.t === '(') k = closing(tokens, k + 1);
      continue;
    }
    if (t === 'mod' && pendingTest && tokens[k + 1]) {
      const name = tokens[k + 1].t;
      if (tokens[k + 2]?.t === '{') testRanges.push([k + 2, closing(tokens, k + 2)]);
      else if (tokens[k + 2]?.t === ';') testModFiles.push(name);
    }
    pendingTest = false;
    // `fn name`: a function or method. `fn(` is a function pointer type, not an item.
    if (t === 'fn' && tokens[k + 1] && isIdentStart(tokens[k + 1].t[0])) {
      let depth = 0;
      let body = -1;
      for (let m = k + 2; m < tokens.length; m++) {
        const u = tokens[m].t;
        if (u === '(' || u === '[') depth++;
        else if (u === ')' || u === ']') depth--;
        else if (depth === 0 && u === ';') break; // a declaration without a body
        else if (depth === 0 && u === '{') {
          body = m;
          break;
        }
      }
      if (body >= 0) {
        const end = closing(tokens, body);
        fns.push({
          name: tokens[k + 1].t,
          line: tokens[k].line,
          length: tokens[end].line - tokens[k].line + 1,
          inTest: wholeFileTest || testRanges.some(([a, b]) => k > a && k < b),
        });
      }
    }
  }
  return { lines, fns, testModFiles };
}

/** Every .rs file under `dir`, sorted. */
async function rustFiles(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await rustFiles(path)));
    else if (entry.name.endsWith('.rs')) out.push(path);
  }
  return out.sort();
}

/** The files a `#[cfg(test)] mod name;` in `file` may point at. */
function childModulePaths(file, name) {
  const stem = basename(file, '.rs');
  const dir = ['mod', 'lib', 'main'].includes(stem) ? dirname(file) : join(dirname(file), stem);
  return [join(dir, `${name}.rs`), join(dir, name, 'mod.rs')];
}

/** Checks every .rs file under `src`: offenders (as printable lines) and the summary figures. */
export async function check(src) {
  const base = dirname(resolve(src));
  const files = await rustFiles(resolve(src));
  const shapes = new Map();
  for (const f of files) shapes.set(f, shape(await readFile(f, 'utf8')));
  // Files that are test modules of another file: their functions are exempt too.
  const testFiles = new Set();
  for (const [f, s] of shapes) {
    for (const name of s.testModFiles) for (const p of childModulePaths(f, name)) testFiles.add(p);
  }
  const offenders = [];
  let longestFn = null;
  let largestFile = null;
  for (const [f, s] of shapes) {
    const path = relative(base, f);
    if (s.lines > MAX_FILE_LINES) offenders.push(`${path}: ${s.lines} lines`);
    if (!largestFile || s.lines > largestFile.lines) largestFile = { path, lines: s.lines };
    for (const fn of s.fns) {
      if (fn.inTest || testFiles.has(f)) continue;
      if (fn.length > MAX_FN_LINES) offenders.push(`${path}:${fn.line} fn ${fn.name}: ${fn.length} lines`);
      if (!longestFn || fn.length > longestFn.length) longestFn = { path, ...fn };
    }
  }
  return { files: files.length, offenders, longestFn, largestFile };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = resolve(new URL('../..', import.meta.url).pathname);
  const src = resolve(process.argv[2] ?? join(root, 'src'));
  const r = await check(src);
  if (r.offenders.length > 0) {
    console.error(
      `code shape: ${r.offenders.length} over the limits (files ${MAX_FILE_LINES} lines, functions ${MAX_FN_LINES}; split them):`,
    );
    for (const o of r.offenders) console.error(`  ${o}`);
    process.exit(1);
  }
  const fn = r.longestFn ? `${r.longestFn.path}:${r.longestFn.line} ${r.longestFn.name} (${r.longestFn.length} lines)` : 'none';
  const file = r.largestFile ? `${r.largestFile.path} (${r.largestFile.lines} lines)` : 'none';
  console.log(`code shape: ${r.files} files, longest fn ${fn}, largest file ${file}`);
}
