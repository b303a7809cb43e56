import {spawn} from 'node:child_process';
import {existsSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {useTempDir} from './helpers/temp.js';
import {cliPath} from './helpers/cli-run.js';
import {waitFor} from './helpers/wait-for.js';

const tempDir = useTempDir();

/** About 60 MB, every line undecided, so `--status undecided` exports the file exactly. */
function bigDataset(dir: string): Buffer {
	const filler = 'lorem ipsum dolor sit amet '.repeat(6);
	const lines: string[] = [];
	for (let i = 0; i < 300_000; i++) lines.push(`{"id":"s${i}","text":"${filler}${i}"}\n`);
	const content = Buffer.from(lines.join(''));
	writeFileSync(join(dir, 'big.jsonl'), content);
	return content;
}

function startExport(dir: string, out: string) {
	const child = spawn(process.execPath, [cliPath, 'export', 'big.jsonl', '--status', 'undecided', '--out', out], {cwd: dir, env: {...process.env, NO_COLOR: '1'}, stdio: ['ignore', 'ignore', 'pipe']});
	let stderr = '';
	child.stderr.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	const exited = new Promise<{code: number | null; signal: NodeJS.Signals | null}>(resolve => {
		child.on('exit', (code, signal) => {
			resolve({code, signal});
		});
	});
	return {child, exited, stderr: () => stderr};
}

const temporaries = (dir: string) => readdirSync(dir).filter(name => name.endsWith('.tmp'));

/** Waits until the export's temporary file holds at least `bytes`; false if the export ended first. */
async function waitForPartialOutput(dir: string, bytes: number, exited: Promise<unknown>): Promise<boolean> {
	let done = false;
	void exited.then(() => {
		done = true;
	});
	const partial = () => temporaries(dir).some(name => {
		try {
			return statSync(join(dir, name)).size >= bytes;
		} catch {
			return false;
		}
	});
	return waitFor(() => (partial() ? 'partial' : done ? 'ended' : undefined), `${bytes} bytes in the export's temporary file`, {interval: 2}).then(seen => seen === 'partial');
}

describe('winnow export --out is atomic', () => {
	it('a SIGKILL at any point leaves the old file or the complete new one, never a partial file', async () => {
		const dir = tempDir();
		const expected = bigDataset(dir);
		const old = 'old accepted set\n';
		let killedMidway = 0;
		for (const threshold of [1, 4 << 20, 16 << 20, 40 << 20]) {
			writeFileSync(join(dir, 'accepted.jsonl'), old);
			const run = startExport(dir, 'accepted.jsonl');
			const partial = await waitForPartialOutput(dir, threshold, run.exited);
			run.child.kill('SIGKILL');
			const {signal} = await run.exited;
			const content = readFileSync(join(dir, 'accepted.jsonl'));
			if (partial && signal === 'SIGKILL') {
				killedMidway++;
				expect(content.toString()).toBe(old);
			} else {
				expect(content.equals(expected) || content.toString() === old).toBe(true);
			}
		}

		expect(killedMidway).toBeGreaterThan(0);
		// The export itself completes and writes the whole file.
		const run = startExport(dir, 'accepted.jsonl');
		const {code} = await run.exited;
		expect(code).toBe(0);
		expect(readFileSync(join(dir, 'accepted.jsonl')).equals(expected)).toBe(true);
	});

	it('a SIGKILL before the first export leaves no file where the lead expects one', async () => {
		const dir = tempDir();
		bigDataset(dir);
		const run = startExport(dir, 'fresh.jsonl');
		const partial = await waitForPartialOutput(dir, 1 << 20, run.exited);
		run.child.kill('SIGKILL');
		await run.exited;
		if (partial) expect(existsSync(join(dir, 'fresh.jsonl'))).toBe(false);
	});

	it('ctrl-c (SIGINT), SIGTERM and SIGHUP remove the temporary file, keep the old one and say so', async () => {
		const dir = tempDir();
		bigDataset(dir);
		for (const [signal, exitCode] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
			writeFileSync(join(dir, 'accepted.jsonl'), 'old\n');
			const run = startExport(dir, 'accepted.jsonl');
			const partial = await waitForPartialOutput(dir, 1 << 20, run.exited);
			run.child.kill(signal);
			const {code} = await run.exited;
			if (!partial) continue;
			expect(code).toBe(exitCode);
			expect(run.stderr()).toContain(`winnow: export interrupted (${signal}); accepted.jsonl was left as it was.`);
			expect(readFileSync(join(dir, 'accepted.jsonl'), 'utf8')).toBe('old\n');
			expect(temporaries(dir)).toEqual([]);
		}
	});
});
