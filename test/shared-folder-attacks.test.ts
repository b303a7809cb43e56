import {execFileSync} from 'node:child_process';
import {existsSync, lchownSync, lstatSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {hostname} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {DecisionStore} from '../source/store/decision-store.js';
import {LiveSession} from '../source/store/live-session.js';
import {ReviewerPosition} from '../source/store/reviewer-position.js';
import {useTempDir} from './helpers/temp.js';

const tempDir = useTempDir();
const victimText = 'alias ls="ls --color"\n';

/** A file of the reviewer's own that a peer would like overwritten (a shell start-up file). */
function victim(dir: string): string {
	const path = join(dir, 'bashrc');
	writeFileSync(path, victimText, {mode: 0o600});
	return path;
}

describe('a peer who can write the shared folder', () => {
	it('cannot redirect presence, lease or position files through planted links', () => {
		const dir = tempDir();
		const db = join(dir, 'x.decisions.json');
		const target = victim(dir);
		const presence = join(`${db}.live`, 'presence');
		const positions = join(`${db}.live`, 'positions');
		mkdirSync(presence, {recursive: true});
		mkdirSync(positions, {recursive: true});
		// Every name the old code would have used, for this process and the pids near it.
		const presenceName = `${hostname()}-${process.pid}.json`;
		symlinkSync(target, join(presence, presenceName));
		for (let pid = process.pid - 5; pid <= process.pid + 5; pid++) {
			symlinkSync(target, join(presence, `${presenceName}.${pid}.tmp`));
		}

		const position = new ReviewerPosition(db, 'alice');
		const positionFile = readdirSync(positions);
		expect(positionFile).toEqual([]);
		const live = new LiveSession(db, 'alice', 'split', {heartbeat: 60_000});
		live.start();
		expect(live.error).toBeUndefined();
		expect(live.claim('$(id > /tmp/pwned)')).toBe(true);
		position.update({sample: '$(id > /tmp/pwned)', filter: 'all'});
		position.save();
		live.stop();
		expect(readFileSync(target, 'utf8')).toBe(victimText);
		expect(statSync(target).mode & 0o777).toBe(0o600);
		// Our presence file replaced the planted link rather than writing through it.
		expect(position.read()).toEqual({sample: '$(id > /tmp/pwned)', filter: 'all'});
	});

	it('cannot make us write through a link planted at the position file itself', () => {
		const dir = tempDir();
		const db = join(dir, 'x.decisions.json');
		const target = victim(dir);
		const position = new ReviewerPosition(db, 'alice');
		position.update({sample: 's1', filter: 'all'});
		position.save();
		const [name] = readdirSync(join(`${db}.live`, 'positions'));
		const file = join(`${db}.live`, 'positions', name);
		renameSync(file, `${file}.moved`);
		symlinkSync(target, file);
		expect(position.read()).toBeUndefined();
		position.update({sample: 's2', filter: 'all'});
		position.save();
		expect(readFileSync(target, 'utf8')).toBe(victimText);
		expect(lstatSync(file).isSymbolicLink()).toBe(false);
	});

	it('refuses a live folder that is a link elsewhere, and says pairing is off', () => {
		const dir = tempDir();
		const db = join(dir, 'x.decisions.json');
		const elsewhere = join(dir, 'home');
		mkdirSync(elsewhere);
		symlinkSync(elsewhere, `${db}.live`);
		const live = new LiveSession(db, 'alice', 'split', {heartbeat: 60_000});
		live.start();
		expect(live.error).toMatch(/pairing is off/);
		expect(readdirSync(elsewhere)).toEqual([]);
		live.stop();
	});

	it('cannot freeze us with a FIFO in the presence, lease or positions folder', () => {
		const dir = tempDir();
		const db = join(dir, 'x.decisions.json');
		const live = new LiveSession(db, 'alice', 'split', {heartbeat: 60_000});
		live.start();
		const folder = `${db}.live`;
		execFileSync('mkfifo', [join(folder, 'presence', 'evil-1.json')]);
		execFileSync('mkfifo', [join(folder, 'leases', 'evil-2.json')]);
		mkdirSync(join(folder, 'positions'), {recursive: true});
		const position = new ReviewerPosition(db, 'alice');
		position.update({sample: 's1', filter: 'all'});
		position.save();
		const [name] = readdirSync(join(folder, 'positions'));
		renameSync(join(folder, 'positions', name), join(folder, 'positions', `${name}.old`));
		execFileSync('mkfifo', [join(folder, 'positions', name)]);
		const notices: string[] = [];
		live.onNotice(notice => notices.push(notice));
		// Each of these would block forever on a FIFO read; the test's own timeout is the failure.
		live.refresh();
		expect(live.others()).toEqual([]);
		expect(position.read()).toBeUndefined();
		expect(live.claim('s1')).toBe(true);
		expect(notices).toHaveLength(2);
		expect(notices[0]).toMatch(/^ignored .*evil-.\.json: not a file winnow wrote/);
		live.stop();
	});

	it('ignores null, garbage and wrong-typed presence and lease files, telling each once', () => {
		const dir = tempDir();
		const db = join(dir, 'x.decisions.json');
		const live = new LiveSession(db, 'alice', 'split', {heartbeat: 60_000});
		live.start();
		const folder = `${db}.live`;
		const bad = ['null', '[]', '"x"', '{"reviewer":5,"host":"h","pid":1}', '{"reviewer":"bob","host":"h","pid":"1"}', '{"reviewer":"bob"', '{"sample":null,"host":"h","pid":1}'];
		for (const [i, text] of bad.entries()) {
			writeFileSync(join(folder, 'presence', `bad-${i}.json`), text);
			writeFileSync(join(folder, 'leases', `bad-${i}.json`), text);
		}

		writeFileSync(join(folder, 'presence', 'good.json'), JSON.stringify({reviewer: 'bob', host: 'elsewhere', pid: 1, sample: 's9'}));
		writeFileSync(join(folder, 'leases', 'good.json'), JSON.stringify({sample: 's9', reviewer: 'bob', host: 'elsewhere', pid: 1}));
		const notices: string[] = [];
		live.onNotice(notice => notices.push(notice));
		expect(() => live.refresh()).not.toThrow();
		live.refresh();
		expect(live.others()).toEqual([{reviewer: 'bob', host: 'elsewhere', pid: 1, sample: 's9', mode: undefined}]);
		expect(live.isTakenByOther('s9')).toBe(true);
		expect(live.claim('s1')).toBe(true);
		expect(notices).toHaveLength(bad.length * 2);
		live.stop();
	});

	it('creates the live folder as open as the decisions file\'s folder, so a second user can pair', () => {
		const dir = tempDir();
		const shared = join(dir, 'shared');
		mkdirSync(shared);
		execFileSync('chmod', ['2775', shared]);
		const db = join(shared, 'x.decisions.json');
		const oldMask = process.umask(0o022);
		try {
			const live = new LiveSession(db, 'alice', 'split', {heartbeat: 60_000});
			live.start();
			live.stop();
		} finally {
			process.umask(oldMask);
		}

		for (const folder of [`${db}.live`, join(`${db}.live`, 'presence'), join(`${db}.live`, 'leases')]) {
			expect(statSync(folder).mode & 0o070).toBe(0o070);
		}
	});
});

describe('the decisions file in a shared folder', () => {
	it('is pinned: swapped for a link mid-session, nothing is written through the link and the bar says why', async () => {
		const dir = tempDir();
		const db = join(dir, 'x.decisions.json');
		const target = victim(dir);
		const store = await DecisionStore.open(db, 'x.jsonl', {watchInterval: 0});
		store.set({sample: 's1', reviewer: 'alice', verdict: 'accepted'});
		await store.flush();
		renameSync(db, join(dir, 'moved.json'));
		symlinkSync(target, db);
		store.set({sample: 's2', reviewer: 'alice', verdict: 'accepted'});
		await expect(store.flush()).rejects.toThrow(/replaced by a link/);
		expect(store.status.error).toMatch(/replaced by a link .* winnow will not write there/);
		expect(store.status.unsaved).toBeGreaterThan(0);
		expect(readFileSync(target, 'utf8')).toBe(victimText);
		store.close();
	});

	it.runIf(process.getuid?.() === 0)('refuses a decisions path that is a link owned by another user', async () => {
		const dir = tempDir();
		const real = join(dir, 'real.decisions.json');
		const db = join(dir, 'x.decisions.json');
		symlinkSync(real, db);
		lchownSync(db, 4242, 4242);
		await expect(DecisionStore.open(db, 'x.jsonl', {watchInterval: 0})).rejects.toThrow(/symbolic link owned by another user/);
		expect(existsSync(real)).toBe(false);
	});
});
