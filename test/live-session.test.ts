import {spawn} from 'node:child_process';
import {createHash} from 'node:crypto';
import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync} from 'node:fs';
import {hostname} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {LiveSession} from '../source/store/live-session.js';
import {useTempDir} from './helpers/temp.js';
import {waitFor} from './helpers/wait-for.js';

const tempDir = useTempDir();

/** The lease file of a sample in the decisions file's live folder (as LiveSession names it). */
function leaseFile(db: string, sample: string): string {
	return join(`${db}.live`, 'leases', `${createHash('sha1').update(sample).digest('hex').slice(0, 24)}.json`);
}

/** Writes a lease as another process would, refreshed `age` ms ago. */
function plantLease(db: string, sample: string, holder: {reviewer: string; host: string; pid: number}, age: number) {
	const path = leaseFile(db, sample);
	mkdirSync(join(`${db}.live`, 'leases'), {recursive: true});
	writeFileSync(path, JSON.stringify({sample, ...holder}));
	const then = new Date(Date.now() - age);
	utimesSync(path, then, then);
}

/** Waits (polling /proc) until the process's state is one of `states`. */
async function waitForState(pid: number, states: string): Promise<void> {
	const state = () => {
		const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
		return stat[stat.lastIndexOf(')') + 2];
	};

	await waitFor(() => states.includes(state()), `process ${pid} in state ${states}`, {timeout: 10_000, detail: () => `it is in state ${state()}`});
}

describe('LiveSession', () => {
	it('lets only one process hold a sample, and frees it on release', () => {
		const db = join(tempDir(), 'x.decisions.json');
		const alice = new LiveSession(db, 'alice', 'split', {heartbeat: 60_000});
		const bob = new LiveSession(db, 'bob', 'split', {heartbeat: 60_000});
		// Two sessions in one test process share a pid: tell them apart as another host would be.
		Object.assign((bob as unknown as {me: {host: string}}).me, {host: 'other-host'});
		alice.start();
		bob.start();
		expect(alice.claim('s1')).toBe(true);
		bob.refresh();
		expect(bob.isTakenByOther('s1')).toBe(true);
		expect(bob.others().map(peer => peer.reviewer)).toEqual(['alice']);
		expect(alice.claim('s2')).toBe(true);
		bob.refresh();
		expect(bob.isTakenByOther('s1')).toBe(false);
		expect(bob.isTakenByOther('s2')).toBe(true);
		alice.stop();
		bob.refresh();
		expect(bob.others()).toEqual([]);
		expect(bob.isTakenByOther('s2')).toBe(false);
		bob.stop();
	});

	it('meets a reviewer who names the decisions file through a link', () => {
		const dir = tempDir();
		const db = join(dir, 'x.decisions.json');
		const link = join(dir, 'link.decisions.json');
		symlinkSync(db, link);
		const alice = new LiveSession(db, 'alice', 'split', {heartbeat: 60_000});
		const bob = new LiveSession(link, 'bob', 'split', {heartbeat: 60_000});
		Object.assign((bob as unknown as {me: {host: string}}).me, {host: 'other-host'});
		alice.start();
		bob.start();
		expect(alice.claim('s1')).toBe(true);
		bob.refresh();
		expect(bob.others().map(peer => peer.reviewer)).toEqual(['alice']);
		expect(bob.isTakenByOther('s1')).toBe(true);
		expect(existsSync(`${link}.live`)).toBe(false);
		alice.stop();
		bob.stop();
	});

	it('treats the lease of a process that stopped refreshing as expired', () => {
		const db = join(tempDir(), 'x.decisions.json');
		const gone = new LiveSession(db, 'gone', 'split', {heartbeat: 60_000, stale: 1000});
		gone.start();
		gone.claim('s1');
		const leases = join(`${db}.live`, 'leases');
		const old = new Date(Date.now() - 60_000);
		for (const name of readdirSync(leases)) utimesSync(join(leases, name), old, old);
		const next = new LiveSession(db, 'next', 'split', {heartbeat: 60_000, stale: 1000});
		Object.assign((next as unknown as {me: {host: string}}).me, {host: 'other-host'});
		next.start();
		expect(next.isTakenByOther('s1')).toBe(false);
		expect(next.claim('s1')).toBe(true);
		next.stop();
	});

	it.runIf(existsSync('/proc/self/stat'))('keeps the lease of a live process late only because it waits for a CPU; a stopped one loses it', async () => {
		// A busy process stands for a winnow on a loaded machine, whose heartbeat fires seconds late.
		const busy = spawn(process.execPath, ['-e', 'for (;;) {}'], {stdio: 'ignore'});
		try {
			const db = join(tempDir(), 'x.decisions.json');
			plantLease(db, 's1', {reviewer: 'alice', host: hostname(), pid: busy.pid!}, 3000);
			const bob = new LiveSession(db, 'bob', 'split', {heartbeat: 60_000, stale: 1000});
			bob.start();
			await waitForState(busy.pid!, 'R');
			expect(bob.isTakenByOther('s1')).toBe(true);
			expect(bob.claim('s1')).toBe(false);
			busy.kill('SIGSTOP');
			await waitForState(busy.pid!, 'Tt');
			bob.refresh();
			expect(bob.isTakenByOther('s1')).toBe(false);
			expect(bob.claim('s1')).toBe(true);
			bob.stop();
		} finally {
			busy.kill('SIGKILL');
		}
	});

	it.runIf(existsSync('/proc/self/stat'))('never takes over the lease of a sample whose decision its live holder is saving, however long it is stopped', async () => {
		const stopped = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {stdio: 'ignore'});
		try {
			stopped.kill('SIGSTOP');
			await waitForState(stopped.pid!, 'Tt');
			const db = join(tempDir(), 'x.decisions.json');
			const holder = {reviewer: 'alice', host: hostname(), pid: stopped.pid!};
			plantLease(db, 's1', holder, 60_000);
			// Alice pressed a key on s1 and was stopped before her decision reached the file.
			writeFileSync(`${leaseFile(db, 's1')}.saving`, JSON.stringify({host: holder.host, pid: holder.pid}));
			const bob = new LiveSession(db, 'bob', 'split', {heartbeat: 60_000, stale: 1000});
			bob.start();
			expect(bob.isTakenByOther('s1')).toBe(true);
			expect(bob.claim('s1')).toBe(false);
			// A marker from another holder means nothing: the stopped holder's lease has expired.
			writeFileSync(`${leaseFile(db, 's1')}.saving`, JSON.stringify({host: holder.host, pid: 1}));
			expect(bob.claim('s1')).toBe(true);
			bob.stop();
		} finally {
			stopped.kill('SIGKILL');
		}
	});

	it('marks the lease of a sample it decides until the decision is saved', () => {
		const db = join(tempDir(), 'x.decisions.json');
		const alice = new LiveSession(db, 'alice', 'split', {heartbeat: 60_000});
		const unsaved = new Set<string>();
		alice.holdUntilSaved(sample => !unsaved.has(sample));
		alice.start();
		expect(alice.claim('s1')).toBe(true);
		expect(alice.confirmHeld('s1')).toBe(true);
		unsaved.add('s1');
		const marker = `${leaseFile(db, 's1')}.saving`;
		expect(existsSync(marker)).toBe(true);
		expect(alice.claim('s2')).toBe(true);
		expect(existsSync(marker)).toBe(true);
		unsaved.delete('s1');
		alice.settle();
		expect(existsSync(marker)).toBe(false);
		expect(existsSync(leaseFile(db, 's1'))).toBe(false);
		alice.stop();
	});

	it('takes a stale lease over only when no other process is taking it over at that moment', () => {
		const db = join(tempDir(), 'x.decisions.json');
		plantLease(db, 's1', {reviewer: 'alice', host: 'other-host', pid: 1}, 60_000);
		// Carol found the lease stale too and is replacing it (her breaker is beside it, fresh).
		const breaker = `${leaseFile(db, 's1')}.break`;
		writeFileSync(breaker, JSON.stringify({host: 'third-host', pid: 2}));
		const bob = new LiveSession(db, 'bob', 'split', {heartbeat: 60_000, stale: 1000});
		Object.assign((bob as unknown as {me: {host: string}}).me, {host: 'bob-host'});
		bob.start();
		expect(bob.claim('s1')).toBe(false);
		expect(existsSync(leaseFile(db, 's1'))).toBe(true);
		rmSync(breaker);
		expect(bob.claim('s1')).toBe(true);
		expect(JSON.parse(readFileSync(leaseFile(db, 's1'), 'utf8'))).toMatchObject({reviewer: 'bob'});
		expect(existsSync(breaker)).toBe(false);
		bob.stop();
	});

	it('before a decision, confirms the lease is still its own: refreshed if so, lost (and to whom) if another took it', () => {
		const db = join(tempDir(), 'x.decisions.json');
		const alice = new LiveSession(db, 'alice', 'split', {heartbeat: 60_000, stale: 1000});
		alice.start();
		expect(alice.claim('s1')).toBe(true);
		const old = new Date(Date.now() - 60_000);
		utimesSync(leaseFile(db, 's1'), old, old);
		expect(alice.confirmHeld('s1')).toBe(true);
		expect(Date.now() - statSync(leaseFile(db, 's1')).mtimeMs).toBeLessThan(30_000);
		// Removed by a peer who found it stale, not replaced yet: alice's again.
		rmSync(leaseFile(db, 's1'));
		expect(alice.confirmHeld('s1')).toBe(true);
		expect(existsSync(leaseFile(db, 's1'))).toBe(true);
		// Taken over by bob while alice was stopped.
		rmSync(leaseFile(db, 's1'));
		plantLease(db, 's1', {reviewer: 'bob', host: 'bob-host', pid: 7}, 0);
		expect(alice.confirmHeld('s1')).toBe(false);
		expect(alice.takeLost()).toEqual({sample: 's1', to: 'bob'});
		// A sample alice did not get the lease of (opened explicitly) is hers to decide.
		expect(alice.confirmHeld('s2')).toBe(true);
		alice.stop();
	});

	it('keeps the lease on a decided sample until the decision is on disk, and hands out a freed sample only if verify agrees', () => {
		const db = join(tempDir(), 'x.decisions.json');
		const alice = new LiveSession(db, 'alice', 'split', {heartbeat: 60_000});
		const bob = new LiveSession(db, 'bob', 'split', {heartbeat: 60_000});
		Object.assign((bob as unknown as {me: {host: string}}).me, {host: 'other-host'});
		const unsaved = new Set(['s1']);
		alice.holdUntilSaved(sample => !unsaved.has(sample));
		alice.start();
		bob.start();
		expect(alice.claim('s1')).toBe(true);
		// Alice decided s1 and moved on: its decision is not on disk yet, so s1 stays hers.
		expect(alice.claim('s2')).toBe(true);
		expect(bob.claim('s1')).toBe(false);
		alice.settle();
		expect(bob.claim('s1')).toBe(false);
		// Saved: the lease goes, and bob is handed s1 only if the file's newest state still wants it.
		unsaved.delete('s1');
		alice.settle();
		expect(bob.claim('s1', () => false)).toBe(false);
		bob.refresh();
		expect(alice.claim('s1', () => true)).toBe(true);
		alice.stop();
		bob.stop();
	});

	it('turns pairing off with a reason when the folder cannot be made', () => {
		const dir = tempDir();
		const session = new LiveSession(join(dir, 'missing-parent', 'deeper', '\u0000bad'), 'a', 'split');
		session.start();
		expect(session.error).toMatch(/pairing is off/);
		expect(session.claim('s1')).toBe(true);
		expect(existsSync(join(dir, 'missing-parent'))).toBe(false);
	});
});
