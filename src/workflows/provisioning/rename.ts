import { validateConnectionName } from "./validation";

/** A run whose form carries a service connection (the guided form's and bring-your-own-app's). */
export interface RenamableRun<F extends { connection: { name: string } }> {
  amend(change: (form: F) => F): void;
}

/**
 * After "name taken" at create time: checks the new name, and on success puts it into the run's form so a retry
 * creates the connection under it. Returns the field message when the name is not acceptable.
 */
export function renameConnection<F extends { connection: { name: string } }>(run: RenamableRun<F>, name: string): string | undefined {
  const problem = validateConnectionName(name);
  if (problem) return problem;
  run.amend((form) => ({ ...form, connection: { ...form.connection, name: name.trim() } }));
  return undefined;
}
