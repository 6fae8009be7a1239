/**
 * An object an undo could not remove: a refused delete is not a rollback. The run goes on undoing the rest, then ends
 * "rollbackIncomplete" naming each object left, why, and where the person can remove it by hand.
 */
export interface LeftObject {
  /** What it is, in words ("The Reader role assignment at the subscription Contoso"). */
  object: string;
  /** Why it was left ("Azure refused the delete: …", "not created by this run: left alone"). */
  reason: string;
  /** Where to see or remove it (the Azure portal, the Entra admin center, Azure DevOps). */
  link?: string;
}

/** Thrown by an undo that could not remove its object, with the words and link the person needs. */
export class LeftBehindError extends Error {
  constructor(readonly left: LeftObject) {
    super(`${left.object}: ${left.reason}`);
    this.name = "LeftBehindError";
  }
}
