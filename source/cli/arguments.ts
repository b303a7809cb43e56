import {UsageError} from './usage-error.js';

/*
The command line's words as winnow's options and inputs. Written here rather than taken from a
parser package: meow (with yargs-parser, read-package-up and normalize-package-data) was 120 KB that
every start of every command read and compiled, about as long again as Node's own start.
*/

export type FlagSpec = {type: 'string' | 'boolean'; isMultiple?: boolean; default?: boolean};

/** What a spec parses to: booleans are false unless given, repeatable strings a list (empty unless given). */
export type ParsedFlags<Spec extends Record<string, FlagSpec>> = {
	[Name in keyof Spec]: Spec[Name] extends {type: 'boolean'} ? boolean : Spec[Name] extends {isMultiple: true} ? string[] : string | undefined;
};

export type ParsedArguments<Spec extends Record<string, FlagSpec>> = {input: string[]; flags: ParsedFlags<Spec>};

/** --id-field and --idField both name idField. */
export function flagName(word: string): string {
	return word.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/**
 * Splits argv into inputs and options: `--name value`, `--name=value`, `--no-name` for a boolean,
 * `--` ends the options. A string option with no value (last, or followed by another option) is ''
 * (the commands say what it needs); a string option given twice that is not repeatable is refused.
 * Names must be in `spec` (the caller refuses unknown ones first, with the command's own sentence).
 */
export function parseArguments<Spec extends Record<string, FlagSpec>>(argv: readonly string[], spec: Spec): ParsedArguments<Spec> {
	const input: string[] = [];
	const flags: Record<string, unknown> = {};
	for (const [name, flag] of Object.entries(spec)) {
		if (flag.type === 'boolean') flags[name] = flag.default ?? false;
		else if (flag.isMultiple) flags[name] = [];
	}

	const given = new Set<string>();
	for (let i = 0; i < argv.length; i++) {
		const word = argv[i];
		if (word === '--') {
			input.push(...argv.slice(i + 1));
			break;
		}

		if (!word.startsWith('-') || word === '-') {
			input.push(word);
			continue;
		}

		const equals = word.indexOf('=');
		const written = (equals === -1 ? word : word.slice(0, equals)).replace(/^--?/, '');
		const inline = equals === -1 ? undefined : word.slice(equals + 1);
		let name = flagName(written);
		let negated = false;
		if (!(name in spec) && written.startsWith('no-') && spec[flagName(written.slice(3))]?.type === 'boolean') {
			name = flagName(written.slice(3));
			negated = true;
		}

		const flag = spec[name];
		if (!flag) throw new UsageError(`unknown option ${word}: winnow --help lists the options.`);
		if (flag.type === 'boolean') {
			let value = !negated;
			const next = argv[i + 1];
			if (inline !== undefined) value = inline !== 'false' && inline !== '0' ? value : !value;
			else if (next === 'true' || next === 'false') {
				value = next === 'true' ? value : !value;
				i++;
			}

			flags[name] = value;
			continue;
		}

		let value = inline;
		if (value === undefined) {
			const next = argv[i + 1];
			if (next !== undefined && (!next.startsWith('-') || next === '-')) {
				value = next;
				i++;
			} else {
				value = '';
			}
		}

		if (flag.isMultiple) {
			(flags[name] as string[]).push(value);
			continue;
		}

		if (given.has(name)) throw new UsageError(`--${written} is given twice: give it once.`);
		given.add(name);
		flags[name] = value;
	}

	return {input, flags: flags as ParsedFlags<Spec>};
}

/**
 * The help text as it is printed: the description, then the usage with its common indentation
 * replaced by two spaces (blank lines left empty).
 */
export function formatHelp(description: string, help: string): string {
	const lines = help.replace(/^\n+|[\t\n]+$/g, '').split('\n');
	const indents = lines.filter(line => /\S/.test(line)).map(line => /^[ \t]*/.exec(line)![0].length);
	const common = indents.length > 0 ? Math.min(...indents) : 0;
	const body = lines.map(line => (/\S/.test(line) ? `  ${line.slice(common)}` : line.slice(common))).join('\n');
	return `\n  ${description}\n\n${body}\n`;
}
