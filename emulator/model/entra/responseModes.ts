import type { ServiceResponse } from "../core/http";
import { escapeHtml } from "./html";

/**
 * How /authorize hands its answer back: in the redirect URI's query, in its fragment, or as an auto-posting form
 * (form_post). Without response_mode the code flow answers in the query, as the OAuth spec says.
 */
export type ResponseMode = "query" | "fragment" | "form_post";

export function parseResponseMode(value: string | null): ResponseMode | undefined {
  if (value === null || value === "") return "query";
  return value === "query" || value === "fragment" || value === "form_post" ? value : undefined;
}

export function redirectWith(target: string, mode: ResponseMode, params: Array<[string, string]>): ServiceResponse {
  const encoded = new URLSearchParams(params).toString();
  if (mode === "form_post") {
    const inputs = params
      .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}" />`)
      .join("");
    const body = `<html><head><title>Working...</title></head><body><form method="POST" name="hiddenform" action="${escapeHtml(target)}">${inputs}<noscript><p>Script is disabled. Click Submit to continue.</p><input type="submit" value="Submit" /></noscript></form><script language="javascript">document.forms[0].submit();</script></body></html>`;
    return { status: 200, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store, no-cache" }, body };
  }
  const url = new URL(target);
  if (mode === "query") {
    url.search = url.search ? `${url.search}&${encoded}` : `?${encoded}`;
  } else {
    url.hash = encoded;
  }
  return { status: 302, headers: { location: url.href, "cache-control": "no-store, no-cache" } };
}
