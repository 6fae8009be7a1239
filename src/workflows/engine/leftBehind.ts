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

/**
 * Thrown by an undo (or a clean-up step) that could not remove its object(s), with the words and links the person
 * needs. A clean-up step throws it after trying every object, so one refusal does not keep the others.
 */
export class LeftBehindError extends Error {
  readonly lefts: LeftObject[];

  constructor(left: LeftObject | LeftObject[]) {
    const lefts = Array.isArray(left) ? left : [left];
    super(lefts.map((l) => `${l.object}: ${l.reason}`).join("; "));
    this.lefts = lefts;
    this.name = "LeftBehindError";
  }

  get left(): LeftObject {
    return this.lefts[0]!;
  }
}
