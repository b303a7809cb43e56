/** A query that cannot be read: the message is one sentence naming the column and what was expected. */
export class QueryError extends Error {
	constructor(readonly column: number, readonly problem: string) {
		super(`bad query at column ${column}: ${problem}`);
	}
}
