import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Reads the HTTP examples out of the vendored Microsoft Graph reference pages: each request block (marked
 * `"blockType": "request"` in the comment before it) paired with the next block that starts with an HTTP status line.
 */

export interface HttpExampleRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  bodyText?: string;
}

export interface HttpExampleResponse {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

export interface HttpExample {
  file: string;
  /** The request block's "name" annotation, unique across the reference. */
  name: string;
  request: HttpExampleRequest;
  response: HttpExampleResponse;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const GRAPH_DOCS = path.resolve(repoRoot, "../shared/specs/microsoftgraph/microsoft-graph-docs-contrib");

interface Block {
  lines: string[];
  /** Text between the previous block and this one, where the docs put their annotations. */
  before: string;
}

function codeBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  let before: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```\s*(http|msgraph-interactive)\s*$/.exec(lines[i]!);
    if (!fence) {
      if (/^```/.test(lines[i]!)) {
        // Some other fenced block (json, csharp): skip it whole so its text is not read as an annotation.
        i += 1;
        while (i < lines.length && !/^```\s*$/.test(lines[i]!)) i += 1;
        before = [];
        continue;
      }
      before.push(lines[i]!);
      continue;
    }
    const body: string[] = [];
    i += 1;
    while (i < lines.length && !/^```\s*$/.test(lines[i]!)) body.push(lines[i++]!);
    blocks.push({ lines: body, before: before.join("\n") });
    before = [];
  }
  return blocks;
}

function splitMessage(lines: string[]): { start: string; headers: Record<string, string>; bodyText: string } {
  const content = [...lines];
  while (content.length > 0 && content[0]!.trim() === "") content.shift();
  const start = (content.shift() ?? "").trim();
  const headers: Record<string, string> = {};
  while (content.length > 0 && content[0]!.trim() !== "") {
    const line = content.shift()!;
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { start, headers, bodyText: content.join("\n").trim() };
}

function annotationName(before: string): string | undefined {
  const comments = [...before.matchAll(/<!--([\s\S]*?)-->/g)];
  const last = comments[comments.length - 1]?.[1];
  if (!last || !/"blockType"\s*:\s*"request"/.test(last)) return undefined;
  return /"name"\s*:\s*"([^"]+)"/.exec(last)?.[1];
}

export function readExamples(file: string): HttpExample[] {
  const examples: HttpExample[] = [];
  let pending: { name: string; request: HttpExampleRequest } | undefined;
  for (const block of codeBlocks(readFileSync(file, "utf8"))) {
    const message = splitMessage(block.lines);
    const status = /^HTTP\/[\d.]+\s+(\d{3})/.exec(message.start);
    if (status && pending) {
      examples.push({
        file: path.basename(file),
        name: pending.name,
        request: pending.request,
        response: {
          status: Number(status[1]),
          headers: message.headers,
          ...(message.bodyText ? { body: JSON.parse(message.bodyText) as unknown } : {}),
        },
      });
      pending = undefined;
      continue;
    }
    const name = annotationName(block.before);
    const requestLine = /^(GET|POST|PATCH|PUT|DELETE)\s+(\S+)/.exec(message.start);
    if (name && requestLine) {
      pending = {
        name,
        request: {
          method: requestLine[1]!,
          url: requestLine[2]!,
          headers: message.headers,
          ...(message.bodyText ? { bodyText: message.bodyText } : {}),
        },
      };
    }
  }
  return examples;
}

export function graphReferenceExamples(): HttpExample[] {
  const apiDir = path.join(GRAPH_DOCS, "api-reference/v1.0/api");
  const files = readdirSync(apiDir)
    .filter((f) => f.endsWith(".md"))
    .map((f) => path.join(apiDir, f));
  files.push(path.join(GRAPH_DOCS, "concepts/json-batching.md"));
  return files.flatMap(readExamples);
}

/**
 * Where `actual` lacks a property `expected` shows, or holds it with another JSON type. Arrays compare element by
 * element as far as both go: a collection the test cannot populate (an empty one) is checked by type only.
 * `opaque` paths are checked by type only; `nullable` paths may be null where the example shows a value.
 */
export function shapeMismatches(
  expected: unknown,
  actual: unknown,
  options: { opaque?: string[]; nullable?: string[] } = {},
  at = "",
): string[] {
  const typeOf = (v: unknown): string => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
  if (typeOf(expected) !== typeOf(actual)) {
    if (actual === null && options.nullable?.includes(at)) return [];
    return [`${at || "(root)"}: example has ${typeOf(expected)}, model has ${typeOf(actual)}`];
  }
  if (options.opaque?.includes(at)) return [];
  if (Array.isArray(expected) && Array.isArray(actual)) {
    return expected.flatMap((item, i) => (i < actual.length ? shapeMismatches(item, actual[i], options, `${at}[]`) : []));
  }
  if (typeOf(expected) === "object") {
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    return Object.keys(e).flatMap((key) => {
      const child = at ? `${at}.${key}` : key;
      return key in a ? shapeMismatches(e[key], a[key], options, child) : [`${child}: missing`];
    });
  }
  return [];
}
