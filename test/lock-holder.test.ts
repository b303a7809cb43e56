// The decisions file's lock records its holder; a lock left by a dead process on this host is broken
// at once, a live holder's is not, and breaking never removes another process's fresh lock.
import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, readdirSync, writeFileSync} from 'node:fs';
import {hostname} from 'node:os';
import {join} from 'node:path';
import {lockSync} from 'proper-lockfile';
import {describe, expect, it} from 'vitest';
import {DecisionStore} from '../source/store/decision-store.js';
import {breakDeadLock, holderFs} from '../source/store/lock-holder.js';
import {useTempDir} from './helpers/temp.js';

const tempDir = useTempDir();

/** The pid of a process that has exited (and, this soon after, not been reused). */
function deadPid(): number {
	const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {encoding: 'utf8'});
	return Number(child.stdout);
}

function plantLock(lock: string, holder: {host: string; pid: number; token: string}) {
	mkdirSync(lock);
	writeFileSync(join(lock, 'holder.json'), JSON.stringify(holder));
}

describe('the lock left by a killed writer', () => {
	it('is broken at once when its holder is a dead process on this host (not after the stale time)', async () => {
		const dir = tempDir();
		const db = join(dir, 'x.decisions.json');
		plantLock(`${db}.lock`, {host: hostname(), pid: deadPid(), token: 'dead'});
		// A stale time of a minute and a timeout of 0.3 s: only breaking the dead holder's lock can let this write through.
		for (const syncWrites of [true, false]) {
			const store = await DecisionStore.open(db, 'x.jsonl', {stale: 60_000, timeout: 300, watchInterval: 0, syncWrites});
			store.set({sample: `s-${String(syncWrites)}`, reviewer: 'ann', verdict: 'accepted'});
			await store.flush();
			store.close();
			if (!syncWrites) break;
			plantLock(`${db}.lock`, {host: hostname(), pid: deadPid(), token: 'dead-again'});
		}

		expect(existsSync(`${db}.lock`)).toBe(false);
		expect(readdirSync(dir).filter(name => name.includes('.lock'))).toEqual([]);
	});

	it('is kept while its holder runs, or when it is on another host', async () => {
		const dir = tempDir();
		const db = join(dir, 'x.decisions.json');
		for (const holder of [{host: hostname(), pid: process.ppid, token: 'alive'}, {host: 'elsewhere', pid: deadPid(), token: 'other-host'}]) {
			plantLock(`${db}.lock`, holder);
			expect(breakDeadLock(`${db}.lock`, 60_000)).toBe(false);
			const store = await DecisionStore.open(db, 'x.jsonl', {stale: 60_000, timeout: 200, watchInterval: 0, retryDelay: 60_000});
			store.set({sample: 's1', reviewer: 'ann', verdict: 'accepted'});
			await expect(store.flush()).rejects.toThrow(/locked by another winnow process/);
			store.close();
			expect(existsSync(join(`${db}.lock`, 'holder.json'))).toBe(true);
			// A lock not refreshed for the stale time is broken whoever holds it.
			expect(breakDeadLock(`${db}.lock`, 0)).toBe(true);
			expect(existsSync(`${db}.lock`)).toBe(false);
		}
	});

	it('records the holder while held and removes only its own lock on release', () => {
		const dir = tempDir();
		const db = join(dir, 'x.decisions.json');
		writeFileSync(db, '');
		const lock = `${db}.lock`;
		const release = lockSync(db, {realpath: false, lockfilePath: lock, fs: holderFs(), onCompromised() {}});
		expect(JSON.parse(readHolder(lock))).toMatchObject({host: hostname(), pid: process.pid});
		// Our own lock is never broken as a dead one.
		expect(breakDeadLock(lock, 60_000)).toBe(false);
		release();
		expect(existsSync(lock)).toBe(false);

		// A holder whose lock was broken and taken by another process since leaves that lock alone.
		const first = lockSync(db, {realpath: false, lockfilePath: lock, fs: holderFs(), onCompromised() {}});
		// (proper-lockfile dates the folder up to a second ahead.)
		expect(breakDeadLock(lock, -5000)).toBe(true);
		plantLock(lock, {host: hostname(), pid: process.ppid, token: 'fresh'});
		first();
		expect(JSON.parse(readHolder(lock))).toMatchObject({token: 'fresh'});
	});
});

function readHolder(lock: string): string {
	return String(spawnSync('cat', [join(lock, 'holder.json')], {encoding: 'utf8'}).stdout);
}
