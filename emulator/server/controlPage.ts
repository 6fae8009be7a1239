import type { AzureInABox } from "../model/azureInABox";

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The `npm start` control page (/_emulator/): every scenario knob a test can set, for a person clicking through a
 * journey — who signs in, latency per service, replication delays counted in calls, injected faults, the fake clock,
 * data sizes — plus the whole state, to see what a journey created or left behind.
 */
export function controlPage(model: AzureInABox): string {
  const users = model.state.users
    .map(
      (u) =>
        `<option value="${escape(u.id)}"${u.id === (model.knobs.signedInUserId ?? "") ? " selected" : ""}>${escape(u.displayName)} — ${escape(u.userPrincipalName)} (${escape(u.directoryRoles.join(", ") || u.userType)})</option>`,
    )
    .join("");
  const consistency = Object.entries(model.knobs.consistency)
    .filter(([, v]) => typeof v === "number")
    .map(([k, v]) => `<label>${escape(k)} <input type="number" min="0" name="${escape(k)}" value="${v as number}"></label>`)
    .join("");
  const latency = (["entra", "graph", "arm", "devops"] as const)
    .map((s) => `<label>${s} <input type="number" min="0" name="${s}" value="${model.knobs.latencyMs[s] ?? 0}"> ms</label>`)
    .join("");
  const choices: Array<[string, string, string[], string]> = [
    ["federationIssuer", "Workload identity issuer of the organization", ["entra", "azureDevOps"], model.knobs.federationIssuer ?? "entra"],
    [
      "missingEndpointRead",
      "Reading a service connection that is gone",
      ["noContent", "notFound"],
      model.knobs.missingEndpointRead ?? "noContent",
    ],
    [
      "hasPermissions",
      "Security Has Permissions",
      ["evaluate", "unauthorized", "forbidden", "tokenNotRecognized"],
      model.knobs.hasPermissions ?? "evaluate",
    ],
    [
      "needAdminApproval",
      'A user at Entra\'s "Need admin approval"',
      ["returnToApp", "stay"],
      model.knobs.needAdminApproval ?? "returnToApp",
    ],
  ];
  const behaviour = choices
    .map(
      ([name, text, values, current]) =>
        `<label>${escape(text)} <select name="${name}">${values.map((v) => `<option${v === current ? " selected" : ""}>${v}</option>`).join("")}</select></label>`,
    )
    .join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Azure in a box — control</title>
<style>body{font-family:system-ui,sans-serif;margin:24px;max-width:980px}fieldset{margin:0 0 16px;padding:12px}label{display:block;margin:6px 0}
textarea{width:100%;height:140px;font-family:monospace}pre{background:#f4f4f4;padding:8px;max-height:400px;overflow:auto}</style></head>
<body>
<h1>Azure in a box</h1>
<p>Scenario knobs of the emulator behind <a href="/">the emulated Azure DevOps host</a>. Changes apply to the next request.</p>
<fieldset><legend>Who signs in</legend><label>User <select id="user">${users}</select></label><button id="apply-user">Apply</button></fieldset>
<fieldset id="latency"><legend>Latency per service</legend>${latency}<button id="apply-latency">Apply</button></fieldset>
<fieldset id="consistency"><legend>Replication delays, counted in calls</legend>${consistency}<button id="apply-consistency">Apply</button></fieldset>
<fieldset id="behaviour"><legend>Service behaviour</legend>${behaviour}<button id="apply-behaviour">Apply</button></fieldset>
<fieldset><legend>Faults (JSON list of rules: service, method, path regex, count, status, retryAfter, networkDrop)</legend>
<textarea id="faults">${escape(JSON.stringify(model.knobs.faults, null, 2))}</textarea><button id="apply-faults">Apply</button></fieldset>
<fieldset><legend>Clock</legend><p>Now: <span id="now">${escape(model.clock.now().toISOString())}</span></p>
<label>Advance by days <input id="days" type="number" value="30"></label><button id="advance">Advance</button></fieldset>
<fieldset><legend>Dashboard widget</legend><p>Open <a href="/?widget=widget">the widget at 2×2</a>, <a href="/?widget=widget&amp;size=4x2">at 4×2</a>, or <a href="/?widget=configuration">its configuration</a>.</p>
<label>Write the expiry index as if the hub read the connections this many days ago <input id="read-days" type="number" min="0" value="0"></label><button id="seed-index">Write the index</button> <span id="seeded" role="status"></span></fieldset>
<fieldset><legend>Start over</legend><label>Subscriptions <input id="subscriptions" type="number" min="1" max="10000" value="${model.state.subscriptions.length - 2}"></label><button id="reset">Reset the world</button></fieldset>
<h2>State</h2><p><a href="/_emulator/state">/_emulator/state</a> (JSON; secrets appear only as hashes)</p>
<script>
const send = (method, path, body) => fetch(path, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then((r) => { if (!r.ok) alert("The emulator refused: " + r.status); return r.json(); });
const numbers = (id) => Object.fromEntries([...document.querySelectorAll("#" + id + " input")].map((i) => [i.name, Number(i.value)]));
document.getElementById("apply-user").onclick = () => send("PATCH", "/_emulator/knobs", { signedInUserId: document.getElementById("user").value });
document.getElementById("apply-latency").onclick = () => send("PATCH", "/_emulator/knobs", { latencyMs: numbers("latency") });
document.getElementById("apply-consistency").onclick = () => send("PATCH", "/_emulator/knobs", { consistency: numbers("consistency") });
document.getElementById("apply-behaviour").onclick = () => send("PATCH", "/_emulator/knobs", Object.fromEntries([...document.querySelectorAll("#behaviour select")].map((s) => [s.name, s.value])));
document.getElementById("apply-faults").onclick = () => { let faults; try { faults = JSON.parse(document.getElementById("faults").value); } catch (e) { alert("Not valid JSON: " + e.message); return; } send("PATCH", "/_emulator/knobs", { faults }); };
document.getElementById("advance").onclick = () => send("POST", "/_emulator/clock", { advanceMs: Number(document.getElementById("days").value) * 86400000 }).then((r) => { document.getElementById("now").textContent = r.now; });
document.getElementById("seed-index").onclick = () => send("POST", "/_emulator/expiry-index", { readDaysAgo: Number(document.getElementById("read-days").value) }).then((r) => { document.getElementById("seeded").textContent = r.written + " entries written"; });
document.getElementById("reset").onclick = () => send("POST", "/_emulator/reset", { subscriptionCount: Number(document.getElementById("subscriptions").value) }).then(() => location.reload());
</script></body></html>`;
}
