import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createServer } from "node:https";
import path from "node:path";
import { readStatic } from "../emulator/server/staticFiles";

/**
 * `npm run serve:https`: serves dist/ at https://localhost:7443, the baseUri of configs/dev.json, so the dev package
 * (`npm run package:dev`) installed in a real organization loads your working copy. Azure DevOps is served over HTTPS
 * and blocks plain-HTTP frames, hence the self-signed certificate (made once with openssl, kept in .emulator-data/tls/):
 * open https://localhost:7443/hub.html once and accept it before opening the hub in Azure DevOps.
 */
const port = Number(process.env["HTTPS_PORT"] ?? 7443);
const tls = path.resolve(".emulator-data/tls");
const key = path.join(tls, "localhost.key");
const cert = path.join(tls, "localhost.crt");

if (!existsSync(key) || !existsSync(cert)) {
  mkdirSync(tls, { recursive: true });
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "365",
        "-subj",
        "/CN=localhost",
        "-addext",
        "subjectAltName=DNS:localhost",
        "-keyout",
        key,
        "-out",
        cert,
      ],
      { stdio: "ignore" },
    );
  } catch {
    console.error(
      "Could not create a certificate: openssl is needed (install it, or put localhost.key and localhost.crt in .emulator-data/tls/).",
    );
    process.exit(1);
  }
}
if (!existsSync("dist/hub.html")) {
  console.error("dist/ is empty: run `npm run build` first.");
  process.exit(1);
}
const root = path.resolve("dist");
createServer({ key: readFileSync(key), cert: readFileSync(cert) }, async (req, res) => {
  const file = await readStatic(root, req.url ?? "/");
  // Azure DevOps frames the hub from another site: allow it, and nothing is cached while you work.
  if (file)
    res.writeHead(200, { "content-type": file.type, "cache-control": "no-store", "access-control-allow-origin": "*" }).end(file.body);
  else res.writeHead(404, { "content-type": "text/plain" }).end("Not found");
}).listen(port, "127.0.0.1", () => {
  console.log(`Serving dist/ at https://localhost:${port}/ (the dev package's baseUri). Press Ctrl+C to stop.`);
});
