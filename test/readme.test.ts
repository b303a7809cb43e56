// The README's install steps, as a newcomer types them: each command refers to something that exists,
// and `winnow` is on the PATH before it is first used.
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';

const root = join(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {scripts: Record<string, string>; bin: Record<string, string>};

/** The commands of the first shell block under `heading`, comments removed, `a && b` split. */
function commandsUnder(heading: string): string[] {
	const section = readme.split(/^## /m).find(part => part.startsWith(`${heading}\n`));
	if (!section) throw new Error(`README.md has no "## ${heading}" section`);
	const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1];
	if (!block) throw new Error(`README.md's ${heading} section has no sh block`);
	return block.split('\n').map(line => line.replace(/\s#\s.*$/, '').trim()).filter(Boolean).flatMap(line => line.split('&&').map(command => command.trim()));
}

/** npm's own commands that need no script. */
const npmCommands = new Set(['install', 'ci', 'link']);

/** Why `command` would fail at this point of the README (given what ran before), or undefined. */
function problem(command: string, before: string[]): string | undefined {
	const [program, ...args] = command.split(/\s+/);
	switch (program) {
		case 'git':
		case 'cd': {
			return args.length > 0 ? undefined : 'has no argument';
		}

		case 'npm': {
			const [sub, script] = args;
			if (sub === 'run') return script && packageJson.scripts[script] ? undefined : `runs a script package.json does not have (${script})`;
			if (sub === 'test' || sub === 'start') return packageJson.scripts[sub] ? undefined : `needs a "${sub}" script in package.json`;
			return npmCommands.has(sub) ? undefined : `is an npm command this test does not know (${sub})`;
		}

		case 'node': {
			return args[0] === packageJson.bin.winnow || existsSync(join(root, args[0])) ? undefined : `runs ${args[0]}, which is neither a file nor the built command`;
		}

		case 'winnow': {
			if (!packageJson.bin.winnow) return 'needs a "winnow" bin in package.json';
			if (!before.some(command => /^npm link\b/.test(command))) return 'comes before a step that puts winnow on the PATH (npm link)';
			const missing = args.filter(arg => !arg.startsWith('-') && /[./]/.test(arg) && !existsSync(join(root, arg)));
			return missing.length > 0 ? `names files that are not in the repository: ${missing.join(', ')}` : undefined;
		}

		default: {
			return 'is a command this test does not know: teach it what the command needs';
		}
	}
}

describe('README', () => {
	it('install: every command works as written, in the order it is read', () => {
		const commands = commandsUnder('Install');
		expect(commands).toContain('npm install');
		const problems = commands.map((command, i) => [command, problem(command, commands.slice(0, i))]).filter(([, why]) => why).map(([command, why]) => `${command}: ${why}`);
		expect(problems).toEqual([]);
	});

	it('the install commands are checked for what they need', () => {
		expect(problem('winnow data/demo.jsonl', ['npm install'])).toMatch(/before a step that puts winnow on the PATH/);
		expect(problem('winnow data/nothing-here.jsonl', ['npm link --ignore-scripts'])).toMatch(/not in the repository: data\/nothing-here.jsonl/);
		expect(problem('npm run no-such-script', [])).toMatch(/does not have/);
		expect(problem('make all', [])).toMatch(/does not know/);
	});

	it('no winnow command in the README comes before the install step that puts winnow on the PATH', () => {
		const commands = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap(match => match[1].split('\n').map(line => line.replace(/\s#\s.*$/, '').trim()));
		const firstWinnow = commands.findIndex(command => command.startsWith('winnow '));
		const link = commands.findIndex(command => /^npm link\b/.test(command));
		expect(link).toBeGreaterThanOrEqual(0);
		expect(firstWinnow).toBeGreaterThan(link);
	});

	it('every npm run in the README names a script of package.json', () => {
		const scripts = [...readme.matchAll(/npm run ([\w:-]+)/g)].map(match => match[1]);
		expect(scripts.length).toBeGreaterThan(0);
		expect(scripts.filter(script => !packageJson.scripts[script])).toEqual([]);
	});
});

describe('the documents', () => {
	it('hold no leftover merge-conflict markers', () => {
		for (const name of ['README.md', 'DESIGN.md']) {
			const text = readFileSync(join(root, name), 'utf8');
			expect(text, name).not.toMatch(/^(?:<{7}|>{7})(?: |$)|^={7}$/m);
		}
	});
});
