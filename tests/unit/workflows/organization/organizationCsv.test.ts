import { addSharedConnection } from "../../../../emulator/model/scenarios";
import { SEED } from "../../../../emulator/model/seed";
import { csvCell, CSV_COLUMNS, organizationCsv } from "../../../../src/workflows/organization/organizationCsv";
import { listOrganizationInventory, readOrganizationCredentials } from "../../../../src/workflows/organization/organizationInventory";
import { connectionWorld } from "../connections/connectionWorld";

/** RFC 4180's reading of a CSV text: rows of cells (quotes doubled inside quoted cells, line breaks kept). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  return rows;
}

describe("the organization table as CSV", () => {
  it("quotes commas, quotes and line breaks, and neutralizes cells a spreadsheet would run as formulas", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) {
      const [[read]] = parseCsv(`${csvCell(`${start}HYPERLINK("x")`)}\r\n`) as [[string]];
      expect(read).toBe(`'${start}HYPERLINK("x")`);
    }
    expect(csvCell("a-b")).toBe("a-b");
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("=A1,B1")).toBe('"\'=A1,B1"');
  });

  it("holds names, ids, scopes, expiry, owners and projects of every row, and never a secret", async () => {
    const c = connectionWorld({ seed: { projectCount: 2 } });
    const secret = "Shared~Secret~Text-0123456789abcdef";
    const hostile = addSharedConnection(c.world.model, {
      name: '=cmd|" /C calc"!A0, "prod"',
      projects: [SEED.project.id, SEED.otherProject.id],
      app: undefined,
    });
    const plain = addSharedConnection(c.world.model, { name: "plain", projects: [SEED.project.id], app: { appId: hostile.appId, secret } });
    await c.signIn();
    const inventory = await readOrganizationCredentials(
      await listOrganizationInventory({ projects: c.world.projects, connections: c.world.connections, journal: c.world.journal }),
      (all) => c.services.readConnectionCredentials(all),
    );

    const text = organizationCsv(inventory.rows);

    expect(text).not.toContain(secret);
    expect(text).not.toContain(hostile.secret);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(2);
    const first = rows.find((r) => r[1] === hostile.endpoint.id)!;
    expect(first[0]).toBe(`'=cmd|" /C calc"!A0, "prod"`);
    expect(first[2]!.split("; ").sort()).toEqual([SEED.otherProject.name, SEED.project.name].sort());
    expect(first[3]).toMatch(/^subscription /);
    expect(first[6]).toBe(hostile.appId);
    expect(first[8]).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(first[10]).toContain("Ada Admin");
    expect(rows.find((r) => r[1] === plain.endpoint.id)![0]).toBe("plain");
  });
});
