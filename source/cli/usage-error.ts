/** A mistake in how winnow was called: one sentence on standard error, exit code 2. */
export class UsageError extends Error {}
