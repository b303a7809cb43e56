/** A problem with the decisions file, told in one sentence that says what to do. */
export class DecisionsFileError extends Error {}
