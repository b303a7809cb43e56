import {execFileSync} from 'node:child_process';
import {afterEach, describe, expect, it} from 'vitest';
import {pidGone, trackProcess} from './helpers/live-processes.js';
import {cliPath, keys, PtySession} from './helpers/pty-process.js';
import {useTempDir, writeFile} from './helpers/temp.js';
import {typingPause, waitFor} from './helpers/wait-for.js';

// Indic scripts and emoji sequences drawn wider than string-width measures them used to make the frame
// taller than the screen: the header and the key bar scrolled away. Checked in tmux (which draws per
// code point, as glibc's wcwidth) and in xterm.js (headless), at 80×24 and 100×30.

const tempDir = useTempDir();

const gujarati = 'ગુજરાત ગુજરાતી ભાષા બોલે છે અને લખે છે';
const malayalam = 'മലയാളം കേരളത്തിലെ ഭാഷയാണ്, ഇത് മനോഹരമാണ്';
const devanagari = 'नमस्ते, हिन्दी में क्षत्रिय और संस्कृत शब्द';
const emoji = '👨‍👩‍👧 family 👍🏽 thumbs ☺️ 1️⃣ 🇮🇳';
const paragraph = [gujarati, malayalam, devanagari, emoji].join(' ');

function wideDataset(dir: string): string {
	const samples = [
		{id: 'wide-1', source: `${gujarati} ${malayalam} ${devanagari}`, model: 'മലയാളം-7b', messages: [
			{role: 'system', content: `${malayalam} ${emoji}`},
			{role: 'user', content: devanagari},
			{role: 'assistant', content: Array.from({length: 12}, () => paragraph).join('\n')},
		]},
		{id: 'wide-2', source: gujarati.repeat(4), conversations: [{from: 'human', value: gujarati}], chosen: {from: 'gpt', value: `${malayalam} `.repeat(30)}, rejected: {from: 'gpt', value: `${devanagari} ${emoji} `.repeat(30)}},
		{id: 'wide-3', [malayalam]: {[gujarati]: `${devanagari}\n${emoji}`.repeat(20)}},
	];
	return writeFile(dir, 'wide.jsonl', samples.map(sample => JSON.stringify(sample)).join('\n') + '\n');
}

/** The header is the first row and the key bar the last drawn one: nothing pushed them off the screen. */
function expectFrameOnScreen(screen: string, rows: number, sample: number) {
	const lines = screen.split('\n');
	expect(lines.length).toBeLessThanOrEqual(rows);
	expect(lines[0]).toMatch(new RegExp(`^winnow .*${sample}/3`));
	const drawn = lines.filter(line => line.trim() !== '');
	expect(drawn.at(-1)).toMatch(/q quit/);
}

/** Presses keys and checks the frame after each, at one terminal size, through `screen()` of either terminal. */
async function walk(terminal: {press: (...keys: string[]) => Promise<void>; waitFor: (pattern: RegExp) => Promise<string>}, rows: number) {
	expectFrameOnScreen(await terminal.waitFor(/1\/3[\s\S]*q quit/), rows, 1);
	for (const key of [keys.pageDown, keys.pageDown, 'j', keys.pageDown]) {
		await terminal.press(key);
		expectFrameOnScreen(await terminal.waitFor(/rows \d+–\d+[\s\S]*q quit/), rows, 1);
	}

	for (const sample of [2, 3]) {
		await terminal.press('l');
		expectFrameOnScreen(await terminal.waitFor(new RegExp(`${sample}/3[\\s\\S]*q quit`)), rows, sample);
		await terminal.press(keys.pageDown);
		expectFrameOnScreen(await terminal.waitFor(new RegExp(`${sample}/3[\\s\\S]*rows \\d+–[\\s\\S]*q quit`)), rows, sample);
	}
}

class TmuxSession {
	private readonly socket = `winnow-test-${process.pid}-${Math.random().toString(36).slice(2)}`;

	constructor(args: string[], readonly columns: number, readonly rows: number) {
		const command = ['env', 'WINNOW_REVIEWER=tester', process.execPath, cliPath, ...args].map(part => `'${part.replaceAll('\'', '\'\\\'\'')}'`).join(' ');
		this.tmux('-f', '/dev/null', 'new-session', '-d', '-x', String(columns), '-y', String(rows), command);
		// winnow runs in the pane (env execs it): useTempDir's cleanup waits until it is gone.
		const pid = Number(this.tmux('display-message', '-p', '#{pane_pid}').trim());
		trackProcess({
			kill: () => {
				try {
					process.kill(pid, 'SIGKILL');
				} catch {}

				this.close();
			},
			gone: async () => pidGone(pid),
			paths: args,
		});
	}

	tmux(...args: string[]): string {
		return execFileSync('tmux', ['-u', '-L', this.socket, ...args], {encoding: 'utf8'});
	}

	screen(): string {
		return this.tmux('capture-pane', '-p').replace(/\n$/, '');
	}

	async waitFor(pattern: RegExp): Promise<string> {
		return waitFor(() => {
			const screen = this.screen();
			return pattern.test(screen) ? screen : undefined;
		}, String(pattern), {interval: 25, detail: () => `screen:\n${this.screen()}`});
	}

	async press(...pressed: string[]) {
		for (const key of pressed) {
			this.tmux('send-keys', '-l', key);
			await typingPause(60);
		}
	}

	close() {
		try {
			this.tmux('kill-server');
		} catch {}
	}
}

const sizes = [{columns: 80, rows: 24}, {columns: 100, rows: 30}];
const closers: Array<() => void> = [];
afterEach(() => {
	for (const close of closers.splice(0)) close();
});

describe('Indic scripts and emoji sequences keep the frame on the screen', () => {
	for (const {columns, rows} of sizes) {
		it(`in tmux at ${columns}×${rows}`, async () => {
			const session = new TmuxSession([wideDataset(tempDir())], columns, rows);
			closers.push(() => session.close());
			await walk(session, rows);
		});

		it(`in xterm.js at ${columns}×${rows}`, async () => {
			const session = new PtySession([wideDataset(tempDir())], {cols: columns, rows});
			closers.push(() => session.kill());
			await walk({press: async (...pressed) => session.press(...pressed), waitFor: async pattern => session.waitFor(pattern)}, rows);
		});
	}
});
