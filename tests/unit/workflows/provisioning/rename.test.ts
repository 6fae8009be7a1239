// @vitest-environment node
import { renameConnection } from "../../../../src/workflows/provisioning/rename";

function fakeRun(name: string) {
  const run = {
    form: { connection: { name, description: "d" } },
    amend: (change: (f: { connection: { name: string; description: string } }) => { connection: { name: string; description: string } }) =>
      void (run.form = change(run.form)),
  };
  return run;
}

describe("renaming the connection after its name was taken", () => {
  it("puts the trimmed new name into the run's form and keeps the rest", () => {
    const run = fakeRun("taken");
    expect(renameConnection(run, "  prod-reader  ")).toBeUndefined();
    expect(run.form.connection).toEqual({ name: "prod-reader", description: "d" });
  });

  it("refuses a name Azure DevOps could not look up again, and changes nothing", () => {
    const run = fakeRun("taken");
    expect(renameConnection(run, "a,b")).toMatch(/comma/);
    expect(renameConnection(run, "   ")).toMatch(/Enter a service connection name/);
    expect(run.form.connection.name).toBe("taken");
  });
});
