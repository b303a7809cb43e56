/** A config file that cannot be used: one sentence per bad field, each naming the file and the field. */
export class ConfigError extends Error {
	constructor(readonly problems: string[]) {
		super(problems.join('\n'));
	}
}
