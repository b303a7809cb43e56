// The real binary in terminals that are not the comfortable 100x30: a 20 MB sample, small
// windows, a resize, NO_COLOR.
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {cliPath} from './helpers/cli-run.js';
import {keys, PtyProcess} from './helpers/pty-process.js';
import {useTempDir, writeFile} from './helpers/temp.js';
import {waitFor} from './helpers/wait-for.js';

const tempDir = useTempDir();

const review = (args: string[], options: ConstructorParameters<typeof PtyProcess>[2] = {}) => new PtyProcess(process.execPath, [cliPath, ...args], options);

function chat(n: number): string {
	return Array.from({length: n}, (_, i) => JSON.stringify({id: `s${i + 1}`, model: 'gen-1', temperature: 0.7, messages: [{role: 'user', content: `question ${i + 1} ${'and more words '.repeat(12)}`}, {role: 'assistant', content: `answer ${i + 1}`}]})).join('\n') + '\n';
}

/** Whether the screen is drawn at cols × rows (see layout). */
function fits(lines: string[], cols: number, rows: number): boolean {
	return lines.length === rows && lines.every(line => line.length <= cols) && lines.at(-1)?.trim() === '';
}

/** The screen's rows, and checks that hold for every frame: fits the width, leaves the last row. */
async function layout(session: PtyProcess, cols: number, rows: number): Promise<string[]> {
	const lines = (await session.screen()).split('\n');
	expect(lines).toHaveLength(rows);
	for (const line of lines) expect(line.length).toBeLessThanOrEqual(cols);
	// Ink 6 clears the scrollback when its frame is as tall as the terminal: the frame stops a row short.
	expect(lines.at(-1)?.trim()).toBe('');
	return lines;
}

/** SGR sequences that set a colour (foreground, background, default colour, 256 and true colour). */
function colourCodes(output: string): string[] {
	const found: string[] = [];
	for (const [sequence, parameters] of output.matchAll(/\u001B\[([\d;:]*)m/g)) {
		const numbers = parameters.split(/[;:]/).map(Number);
		if (numbers.some(n => (n >= 30 && n <= 49) || (n >= 90 && n <= 107))) found.push(sequence);
	}

	return found;
}

describe('a single 12 MB line (under the 16 MB cut)', () => {
	it('opens, shows, scrolls with PgDn, and the status bar stays', async () => {
		const dir = tempDir();
		const words: string[] = [];
		let size = 0;
		for (let i = 0; size < 12 * 1024 * 1024; i++) {
			const word = `word${i}${i % 40 === 39 ? '\n' : ' '}`;
			words.push(word);
			size += word.length;
		}

		const path = writeFile(dir, 'big.jsonl', `${JSON.stringify({id: 'big', source: 'stress', text: words.join('')})}\n`);
		const session = review([path], {cols: 80, rows: 24});
		try {
			await session.waitFor('word0 word1', 60_000);
			let lines = await layout(session, 80, 24);
			expect(lines.join('\n')).toMatch(/1\/1 id big · text/);
			expect(lines.at(-3)).toMatch(/0\/1 decided/);
			expect(lines.at(-2)).toMatch(/a acc.*q quit/);

			session.write(keys.pageDown);
			await session.waitFor(/rows 1[5-9]–/, 20_000);
			session.write(keys.pageDown);
			await session.waitFor(/rows 3\d–/, 20_000);
			lines = await layout(session, 80, 24);
			expect(lines.join('\n')).not.toContain('word0 word1');
			expect(lines.at(-3)).toMatch(/0\/1 decided/);
			expect(lines.at(-2)).toMatch(/a acc.*q quit/);
			session.write('j');
			await session.waitFor(/rows 3\d–/);

			session.write('a');
			await session.waitFor(/1\/1 decided/, 20_000);
			session.write('q');
			expect(await session.waitExit(20_000)).toBe(0);
			const file = JSON.parse(readFileSync(join(dir, 'big.decisions.json'), 'utf8')) as {decisions: Array<{sample: string; verdict: string}>};
			expect(file.decisions).toMatchObject([{sample: 'big', verdict: 'accepted'}]);
		} finally {
			session.kill();
		}
	}, 120_000);
});

describe('terminals smaller than 80x24', () => {
	it('60x15: a compact screen with the sample, status bar and keys, and keys work', async () => {
		const dir = tempDir();
		const path = writeFile(dir, 'samples.jsonl', chat(5));
		const session = review([path], {cols: 60, rows: 15});
		try {
			await session.waitFor('question 1');
			const lines = await layout(session, 60, 15);
			expect(lines[0]).toMatch(/1\/5 id s1/);
			expect(lines.at(-3)).toMatch(/0\/5 decided/);
			expect(lines.at(-2)).toMatch(/^a acc r rej/);
			expect(lines.at(-2)).toMatch(/… \? help q quit/);
			session.write('?');
			await session.waitFor(/help lines 1–8 of/);
			session.write(keys.pageDown);
			await session.waitFor(/help lines 8–15 of/);
			session.write('q');
			await session.waitFor('question 1');
			session.write('a');
			await session.waitFor('question 2');
			await layout(session, 60, 15);
			session.write('q');
			expect(await session.waitExit()).toBe(0);
		} finally {
			session.kill();
		}
	});

	it('30x8: a clear notice instead of a broken screen; q still quits', async () => {
		const dir = tempDir();
		const path = writeFile(dir, 'samples.jsonl', chat(5));
		const session = review([path], {cols: 30, rows: 8});
		try {
			const screen = await session.waitFor(/needs a terminal/);
			expect(screen.replaceAll('\n', ' ')).toMatch(/at least 40×10 .*this one is 30×8.*q quits/);
			await layout(session, 30, 8);
			session.write('q');
			expect(await session.waitExit()).toBe(0);
		} finally {
			session.kill();
		}
	});

	it('follows a resize: from too small to 80x24 and back', async () => {
		const dir = tempDir();
		const path = writeFile(dir, 'samples.jsonl', chat(5));
		const session = review([path], {cols: 30, rows: 8});
		try {
			await session.waitFor(/needs a terminal/);
			session.pty.resize(80, 24);
			session.terminal.resize(80, 24);
			await session.waitFor('question 1');
			await session.waitFor(/0\/5 decided/);
			await layout(session, 80, 24);
			session.pty.resize(50, 12);
			session.terminal.resize(50, 12);
			// Until winnow has drawn a frame for the new size. The terminal reflows the 80×24 frame at
			// once (its key bar wraps onto two rows, and the bottom rows can fit 50×12 by chance), so a
			// frame for 50×12 is the one whose header is on top and whose key bar is one row.
			await waitFor(async () => {
				const rows = (await session.screen()).split('\n');
				return fits(rows, 50, 12) && /^winnow /.test(rows[0] ?? '') && /^a acc.*q quit$/.test(rows.at(-2)?.trim() ?? '');
			}, 'a frame at 50×12', {detail: () => session.output.slice(-2000)});
			await layout(session, 50, 12);
			session.write('q');
			expect(await session.waitExit()).toBe(0);
		} finally {
			session.kill();
		}
	});
});

describe('wide characters', () => {
	it('CJK and emoji in the header and metadata never make a line wrap and push the screen up', async () => {
		const dir = tempDir();
		// Odd and even offsets, so that a wide character falls on the cut at one width or another.
		const lines = [0, 1, 2, 3].map(offset => JSON.stringify({id: `样本${'a'.repeat(offset)}`, source: `${'a'.repeat(offset)}${'中文数据'.repeat(40)}`, model: '🤖'.repeat(50), text: '你好世界'.repeat(100)}));
		const path = writeFile(dir, 'samples.jsonl', lines.join('\n') + '\n');
		for (const cols of [80, 81]) {
			// A decisions file each: a second session would resume where the first left off.
			const session = review([path, '--db', join(dir, `${cols}.decisions.json`)], {cols, rows: 16});
			try {
				for (let i = 0; i < 4; i++) {
					const screen = await session.waitFor(`${i + 1}/4 id 样本`);
					const rows = await layout(session, cols, 16);
					expect(rows[0], screen).toMatch(/^winnow samples\.jsonl/);
					expect(rows.at(-3)).toMatch(/decided/);
					expect(rows.at(-2)).toMatch(/a acc/);
					session.write('l');
				}

				session.write('q');
				expect(await session.waitExit()).toBe(0);
			} finally {
				session.kill();
			}
		}
	});
});

describe('NO_COLOR', () => {
	const run = async (env: Record<string, string | undefined>) => {
		const dir = tempDir();
		const path = writeFile(dir, 'samples.jsonl', chat(3));
		writeFileSync(join(dir, 'samples.decisions.json'), JSON.stringify({schema: 1, dataset: 'samples.jsonl', createdAt: '2026-01-01T00:00:00.000Z', decisions: [{sample: 's2', reviewer: 'other', verdict: 'rejected', categories: [], note: '', at: '2026-01-01T00:00:00.000Z'}]}));
		const session = review([path], {env: {FORCE_COLOR: undefined, NO_COLOR: undefined, ...env}});
		try {
			await session.waitFor('question 1');
			// Screens with red, green, yellow and cyan in them: a decision, the stats panel, help, an error.
			session.write('a');
			await session.waitFor('question 3');
			session.write('t');
			await session.waitFor(/accepted\s+1/);
			// Esc closes the stats panel (? there is not help), then help; each Esc apart from the next
			// key (Esc followed at once by a key reads as alt-key): the panel it closes is gone first.
			session.write(keys.escape);
			await waitFor(async () => !(await session.screen()).includes('stats lines'), 'the stats panel to close');
			session.write('?');
			await session.waitFor(/help lines/);
			session.write(keys.escape);
			await waitFor(async () => !(await session.screen()).includes('help lines'), 'the help to close');
			session.write('q');
			expect(await session.waitExit()).toBe(0);
			return session.output;
		} finally {
			session.kill();
		}
	};

	it('without it the screen has colour; with NO_COLOR=1 the output holds no colour code at all', async () => {
		expect(colourCodes(await run({})).length).toBeGreaterThan(0);
		expect(colourCodes(await run({NO_COLOR: '1'}))).toEqual([]);
	});
});
