import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The vendored API specs, found where CI finds them: ../shared/specs next to the repository. */
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
export const SPECS_ROOT = path.resolve(REPO_ROOT, "../shared/specs");
export const AZURE_SPECS = path.join(SPECS_ROOT, "Azure/azure-rest-api-specs/specification");

/** Reads a JSON spec file, tolerating a UTF-8 byte-order mark. */
export function readSpecJson<T = unknown>(relativeToAzureSpecs: string): T {
  const text = readFileSync(path.join(AZURE_SPECS, relativeToAzureSpecs), "utf8").replace(/^\uFEFF/, "");
  return JSON.parse(text) as T;
}

/** Every example file (…/examples/**\/*.json) under the Azure specs, relative to AZURE_SPECS, sorted. */
export function findAzureExamples(): string[] {
  const entries = readdirSync(AZURE_SPECS, { recursive: true, encoding: "utf8" });
  return entries
    .map((entry) => entry.split(path.sep).join("/"))
    .filter((entry) => entry.endsWith(".json") && entry.split("/").includes("examples"))
    .sort();
}

export interface SpecExample {
  parameters: Record<string, unknown>;
  responses: Record<string, { body?: unknown }>;
}
