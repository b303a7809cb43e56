// Runs alone (vitest.config.ts: process-alone): it measures how soon decisions reach the disk.
// A writer killed (SIGKILL) while it holds the decisions file's lock, restarted 0.3 s later as a
// reviewer would: the lock it left must not hold up the new session's decisions. Each one typed
// after the restart is on disk within the README's promise (100 ms, plus how late this machine runs
// timers), checked by killing the new session that long after its last decision showed on screen.
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {parseDecisionsFile} from '../source/store/decisions-file.js';
import {mergeRecords} from '../source/store/merge.js';
import type {DecisionRecord} from '../source/store/schema.js';
import {cliPath} from './helpers/cli-run.js';
import {PtyProcess} from './helpers/pty-process.js';
import {useTempDir, writeFile} from './helpers/temp.js';
import {measureTimerLateness} from './helpers/timer-lateness.js';
import {letRun, typingPause} from './helpers/wait-for.js';

const trials = Number(process.env.WINNOW_RESTART_TRIALS ?? 5);
const samples = 2000;
const promise = 100;
const total = samples.toLocaleString('en-US');
const tempDir = useTempDir();

function start(path: string): PtyProcess {
	return new PtyProcess(process.execPath, [cliPath, path], {cols: 100, rows: 24});
}

/** The highest "N/2,000 decided" the session's output has shown, and when it first showed it. */
function shown(session: PtyProcess): number {
	let most = 0;
	for (const match of session.output.matchAll(new RegExp(`(\\d[\\d,]*)/${total} decided`, 'g'))) most = Math.max(most, Number(match[1].replaceAll(',', '')));
	return most;
}

async function trial(): Promise<{lockLeft: boolean; left: string; typedAfter: number; onDisk: number; lateness: number}> {
	const dir = tempDir();
	const lines = Array.from({length: samples}, (_, i) => JSON.stringify({id: `s${i + 1}`, text: `sample ${i + 1}`}));
	const path = writeFile(dir, 'samples.jsonl', lines.join('\n') + '\n');
	const db = join(dir, 'samples.decisions.json');
	const lock = `${db}.lock`;
	const first = start(path);
	await first.waitFor(`0/${total} decided`, 30_000);
	// Type as fast as keys go, and kill the process at a moment it holds the lock.
	let lockLeft = false;
	for (let attempt = 0; attempt < 400 && !lockLeft; attempt++) {
		first.write('aaaa');
		await typingPause(2);
		process.kill(first.pty.pid, 'SIGSTOP');
		if (existsSync(lock)) {
			process.kill(first.pty.pid, 'SIGKILL');
			lockLeft = true;
		} else {
			process.kill(first.pty.pid, 'SIGCONT');
		}
	}

	if (!lockLeft) first.kill('SIGKILL');
	await first.waitExit();
	lockLeft &&= existsSync(lock);
	// What the killed writer left in its lock folder (its holder record, unless killed between the two).
	const left = lockLeft ? readdirSync(lock, {withFileTypes: true}).map(entry => `${entry.name}: ${entry.isDirectory() ? `[${readdirSync(join(lock, entry.name)).join(', ')}]` : readFileSync(join(lock, entry.name), 'utf8')}`).join(' ') : '';
	await letRun(300);

	// How late this process's timers run meanwhile (the machine's load): winnow's write timer is as late.
	const stopMeasuring = measureTimerLateness();
	const second = start(path);
	await second.waitFor(/\d+\/2,000 decided/, 30_000);
	const before = shown(second);
	// A few decisions, in bursts as SSH delivers them.
	for (let burst = 0; burst < 3; burst++) {
		second.write('aaa');
		await second.waitFor(`${(before + (3 * (burst + 1))).toLocaleString('en-US')}/${total} decided`);
	}

	const typedAfter = shown(second) - before;
	const lateness = Math.min(150, stopMeasuring());
	await letRun(promise + lateness);
	second.kill('SIGKILL');
	await second.waitExit();
	// A sample decided again has a newer line (appended): the newest of each counts, as every reader takes it.
	const newest = new Map<string, DecisionRecord>();
	if (existsSync(db)) mergeRecords(newest, parseDecisionsFile(readFileSync(db, 'utf8'), db, 'samples.jsonl').decisions);
	const decided = [...newest.values()].filter(record => record.verdict);
	return {lockLeft, left, typedAfter, onDisk: decided.length - before, lateness};
}

describe('kill -9 while holding the lock, restart 0.3 s later', () => {
	it(`${trials} trials: every decision typed after the restart is on disk ${promise} ms after it showed`, async () => {
		const results = [];
		for (let i = 0; i < trials; i++) results.push(await trial());
		console.log(`[crash-restart] ${JSON.stringify(results)}`);
		expect(results.filter(result => result.lockLeft).length).toBeGreaterThan(0);
		for (const result of results) expect(result.onDisk).toBe(result.typedAfter);
	}, 170_000);
});
