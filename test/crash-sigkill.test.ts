// Runs alone (vitest.config.ts: process-alone): it measures how soon decisions reach the disk.
// Crash test in the manner of SQLite's: the real binary in a pseudo-terminal decides samples as
// fast as keys can be typed and is killed with SIGKILL at a random moment, many times over. After
// every kill the decisions file is valid (or absent, if nothing was decided yet) and holds every
// decision made longer ago than the write delay (plus a margin for a write in flight): a prefix of
// the decisions made, each with the verdict its key gave.
//
// Which decisions were made, and when, is read from the screen as it arrives: the status bar's
// "N/M decided" seen at time t means N decisions had been made by t.
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import {availableParallelism} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {parseDecisionsFile} from '../source/store/decisions-file.js';
import {mergeRecords} from '../source/store/merge.js';
import type {DecisionRecord} from '../source/store/schema.js';
import {cliPath} from './helpers/cli-run.js';
import {PtyProcess} from './helpers/pty-process.js';
import {prng} from './helpers/sequence.mjs';
import {useTempDir, writeFile} from './helpers/temp.js';
import {measureTimerLateness} from './helpers/timer-lateness.js';
import {letRun, typingPause} from './helpers/wait-for.js';

const runs = Number(process.env.WINNOW_CRASH_RUNS ?? 56);
/** One winnow per core: more would measure how the machine shares its cores, not how winnow saves. */
const parallel = Number(process.env.WINNOW_CRASH_PARALLEL ?? Math.min(4, Math.max(1, availableParallelism())));
const samples = 3000;
/** README: writes are gathered for 25 ms. */
const writeDelay = 25;
/**
 * What else may be lost: the write in flight when the kill came (lock, read, merge, write, fsync,
 * rename: a few ms) and a timer run late on a busy machine. Together: the last 100 ms.
 */
const inFlightMargin = Number(process.env.WINNOW_CRASH_MARGIN_MS ?? 75);
const mustBeSaved = writeDelay + inFlightMargin;
/** Printed beside the asserted figure when the margin is changed. */
const target = 100;
/** The most timer lateness (machine load) added to the allowance (ms). */
const maxLateness = 150;

const tempDir = useTempDir();

const verdictOf = {a: 'accepted', r: 'rejected', x: 'rejected'} as const;
type Key = keyof typeof verdictOf;

type RunResult = {
	/** When the kill came, after the first key (ms). */
	killAfter: number;
	/** Age at the kill beyond which a decision must be on disk: 100 ms and the timer lateness seen (ms). */
	allowance: number;
	made: number;
	saved: number;
	required: number;
	lostBeyondDelay: number;
	/** The same for the 100 ms target. */
	requiredTarget: number;
	lostBeyondTarget: number;
	/** The most decisions a frame showed with "· saved" beside them. */
	acknowledged: number;
	/** Age at the kill of the oldest decision that was made but is not on disk (ms); 0 if none. */
	oldestLost: number;
	fileExisted: boolean;
	tempFilesLeft: number;
	keysSent: number;
	problems: string[];
};

async function crashOnce(seed: number): Promise<RunResult> {
	const random = prng(seed);
	const dir = tempDir();
	const lines = Array.from({length: samples}, (_, i) => JSON.stringify({id: `s${i + 1}`, text: `sample ${i + 1}`}));
	const path = writeFile(dir, 'samples.jsonl', lines.join('\n') + '\n');
	const db = join(dir, 'samples.decisions.json');
	const session = new PtyProcess(process.execPath, [process.env.WINNOW_CRASH_CLI ?? cliPath, path], {cols: 100, rows: 24});
	const problems: string[] = [];

	// Every "N/M decided" the screen shows (with thousands separators: 1,234/3,000), with the time it arrived.
	const total = samples.toLocaleString('en-US');
	const seen: Array<{at: number; decided: number}> = [];
	let shown = 0;
	const acknowledgements: number[] = [];
	let scanned = 0;
	session.pty.onData(() => {
		const from = Math.max(0, scanned - 40);
		const text = session.output.slice(from);
		scanned = session.output.length;
		const at = Date.now();
		for (const match of text.matchAll(new RegExp(`(\\d[\\d,]*)/${total} decided`, 'g'))) {
			const decided = Number(match[1].replaceAll(',', ''));
			seen.push({at, decided});
			shown = Math.max(shown, decided);
		}

		// The status bar: "N/M decided … · saved " (SGR codes between the parts).
		for (const match of text.matchAll(new RegExp(`(\\d[\\d,]*)/${total} decided[^\\n]*?· saved `, 'g'))) acknowledgements.push(Number(match[1].replaceAll(',', '')));
	});

	await session.waitFor(`0/${total} decided`, 30_000);
	const keys: Key[] = [];
	const killAfter = random() < 0.1 ? random() * 30 : 30 + (random() * 1500);
	const started = Date.now();
	let killedAt = 0;
	// Two ways of typing as fast as keys go, alternating between runs. A flood: a key every
	// millisecond or two, never waiting, so winnow falls behind and reads many keys at a time.
	// Bursts: 1–8 keys in one write (as SSH and tmux deliver fast typing), the next burst as soon
	// as the screen has caught up with the last.
	const flood = seed % 2 === 0;
	const typing = (async () => {
		while (!killedAt) {
			const burst = flood ? 1 : 1 + Math.floor(random() * 8);
			let text = '';
			for (let i = 0; i < burst; i++) {
				const key = (['a', 'r', 'x'] as const)[Math.floor(random() * 3)];
				keys.push(key);
				text += key;
			}

			session.write(text);
			if (flood) {
				await typingPause(random() < 0.5 ? 0 : 2);
				continue;
			}

			const deadline = Date.now() + 50;
			while (!killedAt && shown < keys.length && Date.now() < deadline) await typingPause(1);
		}
	})();
	// How late this process's own timers run: the machine's load (other test files run beside
	// this one) delays winnow's write timer just as much, so it is added to the allowance.
	const stopMeasuring = measureTimerLateness();
	await letRun(killAfter);
	const lateness = stopMeasuring();
	killedAt = Date.now();
	process.kill(session.pty.pid, 'SIGKILL');
	await typing;
	await session.waitExit(10_000).catch(() => undefined);
	void started;

	// A write in flight at the kill (its temporary file is left) may take what it carried with it,
	// however long its fsync took; everything older than the write delay when it started was in
	// an earlier write, which had completed (writes are one at a time).
	// It is staged in the writer's lock folder (see stagingFolder), or beside the file.
	const staging = [dir, ...readdirSync(dir).filter(name => name.includes('.lock')).map(name => join(dir, name, 'staging'))];
	const temporaries = staging.flatMap(folder => existsSync(folder) ? readdirSync(folder).filter(name => name.endsWith('.tmp')).map(name => join(folder, name)) : []);
	const inFlightSince = Math.min(killedAt, ...temporaries.map(path => statSync(path).birthtimeMs || killedAt));
	const requiredBy = (age: number) => Math.max(0, ...seen.filter(({at}) => at <= inFlightSince - age).map(({decided}) => decided));
	const allowance = mustBeSaved + Math.min(lateness, maxLateness);
	const required = requiredBy(allowance);
	const requiredTarget = requiredBy(target);
	// Shown as saved ("· saved" in the status bar): acknowledged, so it must be on disk whatever its age.
	const acknowledged = Math.max(0, ...acknowledgements);
	const made = Math.max(0, ...seen.map(({decided}) => decided));
	let saved = 0;
	let fileExisted = false;
	let text: string | undefined;
	try {
		text = readFileSync(db, 'utf8');
		fileExisted = true;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') problems.push(`cannot read the decisions file: ${(error as Error).message}`);
	}

	if (text !== undefined) {
		try {
			const file = parseDecisionsFile(text, db, 'samples.jsonl');
			// A sample decided again has a newer line (appended): the newest wins, as every reader takes it.
			const newest = new Map<string, DecisionRecord>();
			mergeRecords(newest, file.decisions);
			const bySample = new Map([...newest.values()].map(record => [record.sample, record]));
			if (bySample.size !== newest.size) problems.push('a sample has records of two reviewers');
			saved = bySample.size;
			// A prefix of what was typed, sample by sample, each with its key's verdict.
			for (let i = 0; i < saved; i++) {
				const record = bySample.get(`s${i + 1}`);
				if (!record) problems.push(`not a prefix: s${i + 1} missing while ${saved} are saved`);
				else if (record.verdict !== verdictOf[keys[i]]) problems.push(`s${i + 1} is ${record.verdict}, its key was ${keys[i]}`);
				if (problems.length > 3) break;
			}
		} catch (error) {
			problems.push(`the decisions file is not valid: ${(error as Error).message}`);
		}
	}

	if (saved > keys.length) problems.push(`${saved} saved but only ${keys.length} keys were typed`);
	const lostBeyondDelay = Math.max(0, required - saved);
	const lostBeyondTarget = Math.max(0, requiredTarget - saved);
	if (acknowledged > saved) problems.push(`the screen said ${acknowledged} decided and saved, the file holds ${saved}`);
	// How old the oldest made-but-unsaved decision was: when the screen first showed saved + 1.
	const firstUnsaved = seen.find(({decided}) => decided > saved);
	const oldestLost = firstUnsaved ? killedAt - firstUnsaved.at : 0;
	const tempFilesLeft = temporaries.length;
	return {killAfter: Math.round(killAfter), allowance, made, saved, required, lostBeyondDelay, requiredTarget, lostBeyondTarget, acknowledged, oldestLost, fileExisted, tempFilesLeft, keysSent: keys.length, problems};
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

describe('SIGKILL at random moments while deciding as fast as keys go', () => {
	it(`${runs} runs: the decisions file is always valid and holds every decision older than ${mustBeSaved} ms (plus timer lateness)`, async () => {
		const firstSeed = Number(process.env.WINNOW_CRASH_SEED ?? Date.now() % 1_000_000);
		const results: Array<RunResult & {seed: number}> = [];
		let next = 0;
		const worker = async () => {
			while (next < runs) {
				const seed = firstSeed + next++;
				results.push({seed, ...await crashOnce(seed)});
			}
		};

		const started = Date.now();
		await Promise.all(Array.from({length: parallel}, worker));
		const sum = (pick: (result: RunResult) => number) => results.reduce((total, result) => total + pick(result), 0);
		const lostRuns = results.filter(result => result.lostBeyondDelay > 0);
		console.log([
			`crash test: ${results.length} runs (SIGKILL), ${((Date.now() - started) / 1000).toFixed(1)} s, first seed ${firstSeed}`,
			`  keys typed ${sum(r => r.keysSent)}, decisions made ${sum(r => r.made)} (as shown on screen), saved ${sum(r => r.saved)}`,
			`  decisions shown as saved: ${sum(r => r.acknowledged)}; lost of those: ${results.filter(r => r.acknowledged > r.saved).length === 0 ? 0 : sum(r => Math.max(0, r.acknowledged - r.saved))}`,
			`  decisions older than ${mustBeSaved} ms plus the timer lateness measured in the run (median ${median(results.map(r => r.allowance - mustBeSaved))} ms, max ${Math.max(...results.map(r => r.allowance - mustBeSaved))} ms) at the kill (asserted): ${sum(r => r.required)}; lost of those: ${sum(r => r.lostBeyondDelay)}`,
			`  decisions older than ${target} ms at the kill (target): ${sum(r => r.requiredTarget)}; lost of those: ${sum(r => r.lostBeyondTarget)} (in ${results.filter(r => r.lostBeyondTarget > 0).length} runs)`,
			`  lost in all (made but not on disk): ${sum(r => Math.max(0, r.made - r.saved))}; oldest lost decision: ${Math.max(0, ...results.map(r => r.oldestLost))} ms before the kill`,
			`  runs killed before any save (no file): ${results.filter(r => !r.fileExisted).length}; runs that left a temporary file (killed mid-write): ${results.filter(r => r.tempFilesLeft > 0).length}`,
			`  invalid or wrong files: ${results.filter(r => r.problems.length > 0).length}`,
		].join('\n'));

		for (const result of results) expect(result.problems, `seed ${result.seed}`).toEqual([]);
		expect(lostRuns.map(({seed, required, saved, oldestLost, killAfter, tempFilesLeft, allowance}) => ({seed, required, saved, oldestLost, killAfter, tempFilesLeft, allowance}))).toEqual([]);
		expect(results).toHaveLength(runs);
	}, 170_000);
});
