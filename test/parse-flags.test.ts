// The command line's options are read without meow (cli/parse-flags.ts: meow's chunk was a tenth of
// the first frame's CPU), and read as meow reads them: the same input and flags for the same words.
import fc from 'fast-check';
import meow from 'meow';
import {describe, expect, it} from 'vitest';
import {cliFlags} from '../source/cli/flags.js';
import {parseFlags} from '../source/cli/parse-flags.js';

/** What meow made of argv with winnow's flag table (cli.tsx's call, without --help and --version). */
function byMeow(argv: string[]) {
	const cli = meow('', {importMeta: import.meta, pkg: {name: 'winnow', version: '0.0.0'}, argv, flags: cliFlags, allowUnknownFlags: false, autoVersion: false, autoHelp: false});
	const flags = Object.fromEntries(Object.entries(cli.flags).filter(([name]) => name !== 'help' && name !== 'version'));
	return {input: cli.input, flags};
}

const cases: string[][] = [
	[],
	['data.jsonl'],
	['export', 'data.jsonl', '--out', 'accepted.jsonl'],
	['data.jsonl', '--db', 'd.json', '--reviewer', 'ana', '--lead'],
	['data.jsonl', '--id-field', 'uuid'],
	['data.jsonl', '--idField', 'uuid'],
	['data.jsonl', '--id-field=uuid', '--dataset-name=round 2.jsonl'],
	['export', 'data.jsonl', '--status', 'accepted', '--status', 'flagged,undecided'],
	['export', 'data.jsonl', '--status=rejected'],
	['export', 'data.jsonl', '--annotate', '--original', '--decisions', '--format', 'csv', '--verbose'],
	['stats', 'data.jsonl', '--json', '--by', 'meta.model'],
	['data.jsonl', '--no-lead'],
	['data.jsonl', '--lead=false'],
	['data.jsonl', '--lead=true'],
	['data.jsonl', '--lead', 'false'],
	['data.jsonl', '--lead', 'true', 'more.jsonl'],
	['data.jsonl', '--lead', 'yes'],
	['data.jsonl', '--db'],
	['data.jsonl', '--db', '--lead'],
	['data.jsonl', '--db='],
	['data.jsonl', '--note', '-5'],
	['data.jsonl', '--where=-signal:refusal'],
	['decide', 'data.jsonl', '--where', 'signal:refusal status:undecided', '--verdict', 'rejected', '--dry-run'],
	['decide', 'data.jsonl', '--where', 'x', '--verdict', 'flagged', '--category', 'tone', '--category=age', '--reason', 'r1'],
	['decide', 'data.jsonl', '--undo-rule', 'signal:empty', '--note', 'a=b c'],
	['data.jsonl', '--', '--db', 'x'],
	['-', '--db', 'd.json'],
	['data.jsonl', '--categories', 'a,b', '--mode', 'overlap', '--config', 'c.json'],
	['db', 'push', 'd.json', '--dataset', 'data.jsonl', '--db', 'postgres://u@h/db'],
	['data.jsonl', '--reviewer', 'ünï çödé', '--note', 'line\nbreak'],
	['data.jsonl', '--no-dry-run', '--json=false', '--verbose=0', '--annotate=yes', '--original=true'],
	['data.jsonl', '--lead', '--lead=false'],
	['data.jsonl', '--status', '', '--status', 'accepted'],
];

describe('the options, read without meow', () => {
	it.each(cases.map(argv => ({argv, words: JSON.stringify(argv)})))('reads $words as meow does', ({argv}) => {
		expect(parseFlags(argv, cliFlags)).toEqual(byMeow(argv));
	});

	it('reads any mix of the options, values and words as meow does', () => {
		const names = Object.keys(cliFlags).flatMap(name => [`--${name}`, `--${name.replace(/[A-Z]/g, letter => `-${letter.toLowerCase()}`)}`]);
		const word = fc.oneof(
			fc.constantFrom(...names),
			fc.constantFrom(...names).map(name => `--no-${name.slice(2)}`),
			fc.tuple(fc.constantFrom(...names), fc.constantFrom('', 'x', 'true', 'false', '-1', 'a=b')).map(([name, value]) => `${name}=${value}`),
			fc.constantFrom('data.jsonl', 'export', 'true', 'false', '-', '--', '-7', 'a,b', ''),
		);
		// cli.tsx refuses an unknown option (a word that starts with -, other than - and --) before reading them.
		const known = new Set([...names, ...names.map(name => `--no-${name.slice(2)}`), '-', '--']);
		const refused = (argv: string[]) => argv.some(item => item.startsWith('-') && !known.has(item.split('=')[0]) && !(item.includes('=') && known.has(item.slice(0, item.indexOf('=')))));
		fc.assert(fc.property(fc.array(word, {maxLength: 8}), argv => {
			if (refused(argv)) return;
			let expected;
			try {
				expected = byMeow(argv);
			} catch {
				// meow refuses a value option given twice; cli.tsx refuses it before (givenTwice).
				return;
			}

			expect(parseFlags(argv, cliFlags)).toEqual(expected);
		}), {numRuns: 500});
	});
});
