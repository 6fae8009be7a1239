/**
 * The part of OData $filter that Graph supports on applications and service principals without advanced queries:
 * `prop eq 'v'`, `prop ne 'v'`, `prop eq null`, `prop in ('a','b')`, `startswith(prop,'v')`, `coll/any(x:x eq 'v')`,
 * joined with `and`/`or` and parentheses. Anything else is reported as unsupported, as Graph does.
 */

/**
 * Graph's limit on the values of one `in` (and on `or` clauses): "Too many child clauses specified in search filter
 * expression containing 'OR' operators: {n}. Max allowed: 15." (the error Graph answers; ROUTES.md).
 */
export const MAX_IN_VALUES = 15;

export type FilterExpr =
  | { kind: "and" | "or"; left: FilterExpr; right: FilterExpr }
  | { kind: "eq" | "ne"; property: string; value: string | null }
  | { kind: "in"; property: string; values: string[] }
  | { kind: "startswith"; property: string; value: string }
  | { kind: "any"; property: string; value: string };

/** Syntax error: Graph answers "Invalid filter clause". */
export class FilterSyntaxError extends Error {}
/** Well-formed but names a property or operator this collection cannot filter on. */
export class FilterUnsupportedError extends Error {}
/** More values in one `in` than Graph takes. */
export class FilterTooManyClausesError extends Error {
  constructor(readonly count: number) {
    super(
      `Too many child clauses specified in search filter expression containing 'OR' operators: ${count}. Max allowed: ${MAX_IN_VALUES}.`,
    );
  }
}

type Token = { kind: "punct"; text: string } | { kind: "string"; text: string } | { kind: "word"; text: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i += 1;
    } else if ("(),:/".includes(ch)) {
      tokens.push({ kind: "punct", text: ch });
      i += 1;
    } else if (ch === "'") {
      let value = "";
      i += 1;
      for (;;) {
        if (i >= text.length) throw new FilterSyntaxError("unterminated string literal");
        if (text[i] === "'") {
          // OData escapes a quote inside a literal by doubling it.
          if (text[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        value += text[i];
        i += 1;
      }
      tokens.push({ kind: "string", text: value });
    } else {
      const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i));
      if (!m) throw new FilterSyntaxError(`unexpected character '${ch}'`);
      tokens.push({ kind: "word", text: m[0] });
      i += m[0].length;
    }
  }
  return tokens;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): FilterExpr {
    const expr = this.orExpr();
    if (this.pos < this.tokens.length) throw new FilterSyntaxError("unexpected text after the expression");
    return expr;
  }

  private peekWord(word: string): boolean {
    const t = this.tokens[this.pos];
    return t?.kind === "word" && t.text.toLowerCase() === word;
  }

  private next(): Token {
    const t = this.tokens[this.pos];
    if (!t) throw new FilterSyntaxError("unexpected end of the expression");
    this.pos += 1;
    return t;
  }

  private expectPunct(text: string): void {
    const t = this.next();
    if (t.kind !== "punct" || t.text !== text) throw new FilterSyntaxError(`expected '${text}'`);
  }

  private expectWord(): string {
    const t = this.next();
    if (t.kind !== "word") throw new FilterSyntaxError("expected a property name");
    return t.text;
  }

  private expectString(): string {
    const t = this.next();
    if (t.kind !== "string") throw new FilterSyntaxError("expected a string literal");
    return t.text;
  }

  /** `('a', 'b', …)`: at least one string literal. */
  private valueList(): string[] {
    this.expectPunct("(");
    const values = [this.expectString()];
    for (;;) {
      const t = this.next();
      if (t.kind === "punct" && t.text === ")") break;
      if (t.kind !== "punct" || t.text !== ",") throw new FilterSyntaxError("expected ',' or ')'");
      values.push(this.expectString());
    }
    if (values.length > MAX_IN_VALUES) throw new FilterTooManyClausesError(values.length);
    return values;
  }

  private orExpr(): FilterExpr {
    let left = this.andExpr();
    while (this.peekWord("or")) {
      this.pos += 1;
      left = { kind: "or", left, right: this.andExpr() };
    }
    return left;
  }

  private andExpr(): FilterExpr {
    let left = this.primary();
    while (this.peekWord("and")) {
      this.pos += 1;
      left = { kind: "and", left, right: this.primary() };
    }
    return left;
  }

  private primary(): FilterExpr {
    const t = this.next();
    if (t.kind === "punct" && t.text === "(") {
      const inner = this.orExpr();
      this.expectPunct(")");
      return inner;
    }
    if (t.kind !== "word") throw new FilterSyntaxError("expected a property or function");
    const name = t.text;
    const following = this.tokens[this.pos];
    if (following?.kind === "punct" && following.text === "(") {
      if (name.toLowerCase() !== "startswith") throw new FilterUnsupportedError(`function ${name}`);
      this.pos += 1;
      const property = this.expectWord();
      this.expectPunct(",");
      const value = this.expectString();
      this.expectPunct(")");
      return { kind: "startswith", property, value };
    }
    if (following?.kind === "punct" && following.text === "/") {
      this.pos += 1;
      if (this.expectWord().toLowerCase() !== "any") throw new FilterUnsupportedError("lambda operator");
      this.expectPunct("(");
      const variable = this.expectWord();
      this.expectPunct(":");
      if (this.expectWord() !== variable) throw new FilterSyntaxError("lambda body must compare its variable");
      if (!this.peekWord("eq")) throw new FilterUnsupportedError("lambda operator other than eq");
      this.pos += 1;
      const value = this.expectString();
      this.expectPunct(")");
      return { kind: "any", property: name, value };
    }
    const op = this.expectWord().toLowerCase();
    if (op === "in") return { kind: "in", property: name, values: this.valueList() };
    if (op !== "eq" && op !== "ne") throw new FilterUnsupportedError(`operator ${op}`);
    const valueToken = this.next();
    if (valueToken.kind === "word" && valueToken.text === "null") return { kind: op, property: name, value: null };
    if (valueToken.kind !== "string") throw new FilterSyntaxError("expected a string literal or null");
    return { kind: op, property: name, value: valueToken.text };
  }
}

export function parseFilter(text: string): FilterExpr {
  return new Parser(tokenize(text)).parse();
}

/** How to read each filterable property of an item; names compare case-insensitively, as Graph's do. */
export type FilterFields<T> = Record<string, (item: T) => string | null | readonly string[]>;

function fieldOf<T>(fields: FilterFields<T>, property: string): (item: T) => string | null | readonly string[] {
  const key = Object.keys(fields).find((k) => k.toLowerCase() === property.toLowerCase());
  if (!key) throw new FilterUnsupportedError(`property ${property}`);
  return fields[key]!;
}

// GUESS: directory string comparisons are case-insensitive (they are for appId, displayName and tags in practice).
const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** Builds a predicate; throws FilterUnsupportedError when the expression names something the collection cannot filter on. */
export function compileFilter<T>(expr: FilterExpr, fields: FilterFields<T>): (item: T) => boolean {
  switch (expr.kind) {
    case "and": {
      const l = compileFilter(expr.left, fields);
      const r = compileFilter(expr.right, fields);
      return (item) => l(item) && r(item);
    }
    case "or": {
      const l = compileFilter(expr.left, fields);
      const r = compileFilter(expr.right, fields);
      return (item) => l(item) || r(item);
    }
    case "eq":
    case "ne": {
      const read = fieldOf(fields, expr.property);
      const expected = expr.value;
      const equals = (item: T): boolean => {
        const actual = read(item);
        if (Array.isArray(actual)) throw new FilterUnsupportedError(`eq on collection ${expr.property}`);
        if (actual === null || expected === null) return actual === expected;
        return same(actual as string, expected);
      };
      return expr.kind === "eq" ? equals : (item) => !equals(item);
    }
    case "in": {
      const read = fieldOf(fields, expr.property);
      const wanted = new Set(expr.values.map((v) => v.toLowerCase()));
      return (item) => {
        const actual = read(item);
        if (Array.isArray(actual)) throw new FilterUnsupportedError(`in on collection ${expr.property}`);
        return typeof actual === "string" && wanted.has(actual.toLowerCase());
      };
    }
    case "startswith": {
      const read = fieldOf(fields, expr.property);
      return (item) => {
        const actual = read(item);
        return typeof actual === "string" && actual.toLowerCase().startsWith(expr.value.toLowerCase());
      };
    }
    case "any": {
      const read = fieldOf(fields, expr.property);
      return (item) => {
        const actual = read(item);
        return Array.isArray(actual) && actual.some((v: string) => same(v, expr.value));
      };
    }
  }
}
