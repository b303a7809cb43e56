import {existsSync, readdirSync, symlinkSync, utimesSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {LiveSession} from '../source/store/live-session.js';
import {useTempDir} from './helpers/temp.js';

const tempDir = useTempDir();

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
