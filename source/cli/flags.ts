/** The command line's options: their types, for meow (--help) and parse-flags.ts. Imports nothing. */
export const cliFlags = {
	db: {type: 'string'},
	reviewer: {type: 'string'},
	idField: {type: 'string'},
	mode: {type: 'string'},
	lead: {type: 'boolean', default: false},
	categories: {type: 'string'},
	out: {type: 'string'},
	status: {type: 'string', isMultiple: true},
	policy: {type: 'string'},
	annotate: {type: 'boolean', default: false},
	original: {type: 'boolean', default: false},
	decisions: {type: 'boolean', default: false},
	format: {type: 'string'},
	verbose: {type: 'boolean', default: false},
	json: {type: 'boolean', default: false},
	by: {type: 'string'},
	config: {type: 'string'},
	where: {type: 'string'},
	verdict: {type: 'string'},
	category: {type: 'string', isMultiple: true},
	reason: {type: 'string', isMultiple: true},
	note: {type: 'string'},
	dryRun: {type: 'boolean', default: false},
	undoRule: {type: 'string'},
	dataset: {type: 'string'},
	datasetName: {type: 'string'},
} as const;

type FlagValue<F> = F extends {type: 'boolean'} ? boolean : F extends {isMultiple: true} ? string[] : string | undefined;

/** The options as read (parse-flags.ts): a boolean is false when not given, a list []. */
export type CliOptions = {[Name in keyof typeof cliFlags]: FlagValue<(typeof cliFlags)[Name]>};
