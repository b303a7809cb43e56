import {describe, expect, it} from 'vitest';
import {formatHelp, parseArguments} from '../source/cli/arguments.js';
import {UsageError} from '../source/cli/usage-error.js';

const spec = {
	db: {type: 'string'},
	idField: {type: 'string'},
	status: {type: 'string', isMultiple: true},
	lead: {type: 'boolean', default: false},
	annotate: {type: 'boolean', default: false},
} as const;

describe('the command line as options and inputs (cli/arguments.ts)', () => {
	it('reads --name value, --name=value, kebab-case names, repeats of a list option and inputs in any order', () => {
		const {input, flags} = parseArguments(['export', '--db', 'd.json', 'data.jsonl', '--id-field=uuid', '--status', 'accepted', '--status=flagged', '--lead'], spec);
		expect(input).toEqual(['export', 'data.jsonl']);
		expect(flags).toEqual({db: 'd.json', idField: 'uuid', status: ['accepted', 'flagged'], lead: true, annotate: false});
	});

	it('gives booleans their default and lists an empty list when not given; --no-X and =false turn a boolean off', () => {
		expect(parseArguments(['a.jsonl'], spec).flags).toEqual({db: undefined, idField: undefined, status: [], lead: false, annotate: false});
		expect(parseArguments(['--lead', '--no-lead', '--annotate=false'], spec).flags).toMatchObject({lead: false, annotate: false});
		expect(parseArguments(['--annotate', 'true', 'x.jsonl'], spec)).toMatchObject({input: ['x.jsonl'], flags: {annotate: true}});
	});

	it('takes a string option with no value as empty (the command says what it needs), and - as a value', () => {
		expect(parseArguments(['x.jsonl', '--db'], spec).flags.db).toBe('');
		expect(parseArguments(['--db', '--lead'], spec).flags).toMatchObject({db: '', lead: true});
		expect(parseArguments(['--db', '-'], spec).flags.db).toBe('-');
	});

	it('takes everything after -- as inputs', () => {
		const {input, flags} = parseArguments(['--', '--db', 'x'], spec);
		expect(input).toEqual(['--db', 'x']);
		expect(flags.db).toBeUndefined();
	});

	it('refuses an option given twice that takes one value, and an unknown option, in one sentence', () => {
		expect(() => parseArguments(['--db', 'a', '--db', 'b'], spec)).toThrow(new UsageError('--db is given twice: give it once.'));
		expect(() => parseArguments(['--nope'], spec)).toThrow(UsageError);
	});

	it('prints the help with the description first and the usage indented by two spaces', () => {
		expect(formatHelp('Does things.', '\n\tUsage\n\t  $ x <file>\n\n\tOptions\n\t  --y   why\n')).toBe('\n  Does things.\n\n  Usage\n    $ x <file>\n\n  Options\n    --y   why\n');
	});
});
