/*
The command line's options read as meow reads them (through yargs-parser, with winnow's flag table),
without loading meow: its chunk (yargs-parser, and the package.json reader and its licence tables that
come with it) was 20 ms of every start's CPU, a tenth of the review screen's first frame. meow is
still what prints --help. Imports nothing; test/parse-flags.test.ts holds it to meow's results.

What it reads (cli.tsx has already refused unknown options and a value option given twice):
- `--name value` and `--name=value`, the name in kebab or camel case (`--id-field`, `--idField`);
- a value option followed by nothing or by an option (`--db --lead`): the empty value, as meow gives;
  `--no-db`: false, as meow gives; a list option as yargs-parser's eatArray (below);
- `--flag`, `--no-flag`, `--flag=true|false` (any other word: false), and `--flag true|false` (the next
  word taken, as yargs does);
- a list option (isMultiple) once per occurrence, in order; nothing given: [];
- `--`: every word after it is input; `-` alone is input.
*/

export type FlagSpec = {readonly type: 'string' | 'boolean'; readonly isMultiple?: boolean; readonly default?: unknown};

export type ParsedFlags = {input: string[]; flags: Record<string, unknown>};

export function parseFlags(argv: readonly string[], specs: Readonly<Record<string, FlagSpec>>): ParsedFlags {
	const flags: Record<string, unknown> = {};
	for (const [name, spec] of Object.entries(specs)) {
		if (spec.isMultiple) flags[name] = [];
		else if (spec.default !== undefined) flags[name] = spec.default;
		else if (spec.type === 'boolean') flags[name] = false;
	}

	const input: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		const word = argv[i];
		if (word === '--') {
			input.push(...argv.slice(i + 1));
			break;
		}

		const match = /^--([^=]+)(?:=([\s\S]*))?$/.exec(word);
		if (!match) {
			input.push(word);
			continue;
		}

		const [, written, inline] = match;
		const negated = inline === undefined && written.startsWith('no-') && !(camelCase(written) in specs);
		const name = camelCase(negated ? written.slice(3) : written);
		const spec = specs[name];
		if (spec === undefined) {
			// --help and --version (answered before this runs), or an option cli.tsx let through.
			continue;
		}

		if (spec.type === 'boolean') {
			let value = !negated;
			if (inline !== undefined) {
				// As yargs-parser: only the word true is true (--lead=1 and --lead=yes are false).
				value = inline === 'true';
			} else if (!negated && (argv[i + 1] === 'true' || argv[i + 1] === 'false')) {
				value = argv[++i] === 'true';
			}

			flags[name] = value;
			continue;
		}

		if (negated) {
			// --no-db: meow's false, which the command's checks then meet as it always did.
			if (spec.isMultiple) (flags[name] as unknown[]).push(false);
			else flags[name] = false;
			continue;
		}

		const next = argv[i + 1];
		if (spec.isMultiple) {
			// As yargs-parser's eatArray: `--status=x` is x; `--status=` is '' when a word follows (which
			// stays a word), nothing at the end; `--status x` takes x, also - or --, never an option.
			if (inline !== undefined) {
				if (inline !== '' || next !== undefined) (flags[name] as string[]).push(inline);
			} else if (next !== undefined && (!next.startsWith('-') || next === '-' || next === '--' || negativeNumber.test(next))) {
				(flags[name] as string[]).push(next);
				i++;
			}

			continue;
		}

		if (inline !== undefined) {
			flags[name] = inline;
		} else if (next !== undefined && (!next.startsWith('-') || negativeNumber.test(next))) {
			flags[name] = next;
			i++;
		} else {
			// A value option with nothing after it is the empty value: each command then says what it needs.
			flags[name] = '';
		}
	}

	return {input, flags};
}

const negativeNumber = /^-+(?:\d+|\d*\.\d+)(?:e[-+]?\d+)?$/i;

/** id-field -> idField (idField stays). */
function camelCase(word: string): string {
	return word.replace(/-([a-z\d])/g, (_, letter: string) => letter.toUpperCase());
}
