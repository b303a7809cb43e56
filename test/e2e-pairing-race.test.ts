// Split mode under fast typing: several reviewers in real pseudo-terminals on one decisions file, each
// typing bursts of ten keys as SSH delivers them. No sample may be decided by two reviewers (nobody
// opened one explicitly), and every decision a reviewer made is on disk when they quit.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {parseDecisionsFile} from '../source/store/decisions-file.js';
import {PtySession} from './helpers/pty-process.js';
import {useTempDir, writeFile} from './helpers/temp.js';
import {typingPause} from './helpers/wait-for.js';

const tempDir = useTempDir();

const bursts = Number(process.env.WINNOW_RACE_BURSTS ?? 12);
const burstSize = 10;
/** The pause between a reviewer's bursts (ms): WINNOW_RACE_PAUSE=0-20 types nearly without a break. */
const [pauseMin, pauseMax] = (process.env.WINNOW_RACE_PAUSE ?? '50-300').split('-').map(Number);

type Outcome = {decisions: number; twice: number; lost: number; byReviewer: Record<string, {made: number; onDisk: number}>};

async function race(reviewers: number): Promise<Outcome> {
	const dir = tempDir();
	const samples = reviewers * bursts * burstSize * 2;
	const lines = Array.from({length: samples}, (_, i) => JSON.stringify({id: `s${i + 1}`, prompt: `prompt ${i + 1}`, completion: `completion ${i + 1}`}));
	const path = writeFile(dir, 'race.jsonl', lines.join('\n') + '\n');
	const names = ['alice', 'bob', 'carol', 'dave'].slice(0, reviewers);
	const sessions = names.map(name => new PtySession([path], {env: {WINNOW_REVIEWER: name}, rows: 20}));
	for (const session of sessions) await session.waitFor(/decided/);
	// Everyone sees everyone before typing starts.
	for (const session of sessions) await session.waitFor(reviewers === 2 ? 'also here:' : /also here: \w+, \w+/);

	await Promise.all(sessions.map(async (session, i) => {
		const key = i % 2 === 0 ? 'a' : 'r';
		for (let burst = 0; burst < bursts; burst++) {
			session.write(key.repeat(burstSize));
			// As a person's bursts come: a pause of a few tenths of a second, varying.
			await typingPause(pauseMin + Math.floor(Math.random() * (pauseMax - pauseMin)));
		}
	}));

	for (const session of sessions) session.write('q');
	const made: Record<string, number> = {};
	for (const [i, session] of sessions.entries()) {
		expect(await session.waitExit(30_000)).toBe(0);
		const summary = /(\d[\d,]*) by you/.exec(session.output);
		made[names[i]] = Number(summary?.[1].replaceAll(',', '') ?? Number.NaN);
	}

	const db = join(dir, 'race.decisions.json');
	const file = parseDecisionsFile(readFileSync(db, 'utf8'), db, 'race.jsonl');
	const deciders = new Map<string, number>();
	const byReviewer: Outcome['byReviewer'] = {};
	for (const name of names) byReviewer[name] = {made: made[name], onDisk: 0};
	for (const record of file.decisions) {
		if (!record.verdict) continue;
		deciders.set(record.sample, (deciders.get(record.sample) ?? 0) + 1);
		byReviewer[record.reviewer].onDisk++;
	}

	const twice = [...deciders.values()].filter(count => count > 1).length;
	const lost = Object.values(byReviewer).reduce((sum, {made, onDisk}) => sum + Math.max(0, made - onDisk), 0);
	const outcome = {decisions: file.decisions.length, twice, lost, byReviewer};
	console.log(`[split race] ${reviewers} reviewers, ${bursts} bursts of ${burstSize} keys each: ${JSON.stringify(outcome)}`);
	return outcome;
}

describe('split mode with reviewers typing bursts of keys', () => {
	for (const reviewers of [2, 4]) {
		it(`${reviewers} reviewers: no sample decided twice, no decision lost`, async () => {
			const outcome = await race(reviewers);
			expect(outcome.twice).toBe(0);
			expect(outcome.lost).toBe(0);
			for (const {made} of Object.values(outcome.byReviewer)) expect(made).toBeGreaterThan(0);
		}, 180_000);
	}
});
