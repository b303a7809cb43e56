import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from './helpers/cli-run.js';
import {PtySession} from './helpers/pty-process.js';
import {useTempDir, writeFile} from './helpers/temp.js';

const tempDir = useTempDir();

const sample = (id: string, answer: string) => JSON.stringify({id, messages: [{role: 'user', content: `question ${id}`}, {role: 'assistant', content: answer}]});

/** Three samples, all accepted in an earlier session by winnow decide; then s2's answer is rewritten under the same id. */
function decidedThenRewritten(): {dir: string; path: string} {
	const dir = tempDir();
	const path = writeFile(dir, 'samples.jsonl', `${[sample('s1', 'fine'), sample('s2', 'a harmless answer'), sample('s3', 'fine too')].join('\n')}\n`);
	const decided = runCli(['decide', path, '--where', 'status:undecided', '--verdict', 'accepted']);
	expect(decided.status, decided.stderr).toBe(0);
	const records = (JSON.parse(readFileSync(join(dir, 'samples.decisions.json'), 'utf8')) as {decisions: Array<{sample: string; hash?: string}>}).decisions;
	expect(records.every(record => /^sha1:[\da-f]{16}$/.test(record.hash ?? ''))).toBe(true);
	writeFileSync(path, `${[sample('s1', 'fine'), sample('s2', 'a toxic answer put in its place'), sample('s3', 'fine too')].join('\n')}\n`);
	return {dir, path};
}

describe('a sample whose bytes changed since it was decided (another session)', () => {
	it('export does not write it as decided and says so', () => {
		const {path} = decidedThenRewritten();
		const result = runCli(['export', path]);
		expect(result.status, result.stderr).toBe(0);
		expect(result.stdout).not.toContain('toxic');
		expect(result.stdout.trim().split('\n').map(line => (JSON.parse(line) as {id: string}).id)).toEqual(['s1', 's3']);
		expect(result.stderr).toContain('2 accepted, 0 rejected, 0 flagged, 1 undecided');
		expect(result.stderr).toContain('1 sample changed since decided (its bytes are not the ones decided on): not exported as decided; decide it again (status:changed).');
		const undecided = runCli(['export', path, '--status', 'undecided']);
		expect(undecided.stdout).toContain('toxic');
	});

	it('stats count it (text and --json), and status:changed finds it', () => {
		const {path} = decidedThenRewritten();
		const text = runCli(['stats', path]);
		expect(text.stdout).toMatch(/1 sample changed since decided: its bytes are not the ones decided on/);
		const json = JSON.parse(runCli(['stats', path, '--json']).stdout) as {samples: {changed: number; decided: number}};
		expect(json.samples.changed).toBe(1);
		expect(json.samples.decided).toBe(2);
		const found = runCli(['export', path, '--status', 'undecided', '--where', 'status:changed']);
		expect(found.stdout.trim().split('\n').map(line => (JSON.parse(line) as {id: string}).id)).toEqual(['s2']);
	});

	it('winnow decide decides it again, and then it is decided on its new bytes', () => {
		const {path} = decidedThenRewritten();
		const again = runCli(['decide', path, '--where', 'status:changed', '--verdict', 'rejected']);
		expect(again.status, again.stderr).toBe(0);
		expect(again.stdout).toContain("1 sample matches 'status:changed'; marked 1 sample rejected");
		const json = JSON.parse(runCli(['stats', path, '--json']).stdout) as {samples: {changed: number}; status: Record<string, number>};
		expect(json.samples.changed).toBe(0);
		expect(json.status).toMatchObject({accepted: 2, rejected: 1, undecided: 0});
	});

	it('the review screen shows it as changed since decided, to be decided again, and counts it undecided', async () => {
		const {dir, path} = decidedThenRewritten();
		const before = (JSON.parse(readFileSync(join(dir, 'samples.decisions.json'), 'utf8')) as {decisions: Array<{sample: string; hash?: string}>}).decisions.find(record => record.sample === 's2')?.hash;
		const session = new PtySession([path]);
		// The undecided filter brings it up: it is the one sample left.
		await session.waitFor('changed since decided: decide again');
		await session.waitFor('a toxic answer put in its place');
		await session.waitFor(/2\/3 decided/);
		await session.press('r');
		await session.waitFor(/3\/3 decided/);
		session.write('q');
		expect(await session.waitExit()).toBe(0);
		const records = (JSON.parse(readFileSync(join(dir, 'samples.decisions.json'), 'utf8')) as {decisions: Array<{sample: string; verdict: string; hash?: string}>}).decisions;
		// The newest line for s2 (a decision made again is appended).
		const s2 = records.filter(record => record.sample === 's2').at(-1);
		expect(s2?.verdict).toBe('rejected');
		// The screen's decision records the bytes it was made on: the new ones.
		expect(s2?.hash).toMatch(/^sha1:[\da-f]{16}$/);
		expect(s2?.hash).not.toBe(before);
		expect(JSON.parse(runCli(['stats', path, '--json']).stdout).samples.changed).toBe(0);
	});
});

describe('--undo-rule on a sample whose bytes changed after the rule decided it', () => {
	it('restores the earlier decision as one made on the old bytes: still changed since decided, not accepted', () => {
		const dir = tempDir();
		const path = writeFile(dir, 'samples.jsonl', `${[sample('s1', 'fine'), sample('s2', 'a harmless answer')].join('\n')}\n`);
		expect(runCli(['decide', path, '--where', 'status:undecided', '--verdict', 'accepted']).status).toBe(0);
		// A rule replaces s2's acceptance; then s2 is rewritten under the same id.
		const rule = runCli(['decide', path, '--where', 'harmless', '--verdict', 'rejected']);
		expect(rule.stdout, rule.stderr).toContain('marked 1 sample rejected');
		writeFileSync(path, `${[sample('s1', 'fine'), sample('s2', 'a toxic answer put in its place')].join('\n')}\n`);
		const undo = runCli(['decide', path, '--undo-rule', 'harmless']);
		expect(undo.status, undo.stderr).toBe(0);
		const json = JSON.parse(runCli(['stats', path, '--json']).stdout) as {samples: {changed: number}; status: Record<string, number>};
		expect(json.samples.changed).toBe(1);
		expect(json.status).toMatchObject({accepted: 1, undecided: 1});
		expect(runCli(['export', path]).stdout).not.toContain('toxic');
	});
});

describe('lines that share an id, decided by winnow decide', () => {
	const first = JSON.stringify({id: 7, text: 'The first version of this sample text is here.'});
	const second = JSON.stringify({id: 7, text: 'The second version of this sample text is here.'});
	const other = JSON.stringify({id: 8, text: 'Another sample entirely, with other words in it.'});

	it('are counted as lines by decide, and exported all, none of them changed since decided', () => {
		const path = writeFile(tempDir(), 'dupid.jsonl', `${[first, second, other].join('\n')}\n`);
		const decided = runCli(['decide', path, '--where', 'id:7', '--verdict', 'accepted', '--reviewer', 'trial']);
		expect(decided.status, decided.stderr).toBe(0);
		expect(decided.stdout).toContain("2 samples match 'id:7' (1 id among them: lines with one id share one decision); marked 2 samples accepted as trial");
		const exported = runCli(['export', path]);
		expect(exported.stdout).toBe(`${first}\n${second}\n`);
		expect(exported.stderr).toContain('2 accepted, 0 rejected, 0 flagged, 1 undecided');
		expect(exported.stderr).not.toContain('changed since decided');
		// The decided line edited: the id is changed since decided, on every line with it.
		writeFileSync(path, `${[first.replace('first', 'edited'), second, other].join('\n')}\n`);
		const after = runCli(['export', path]);
		expect(after.stdout).toBe('');
		expect(after.stderr).toContain('2 samples changed since decided');
		expect(JSON.parse(runCli(['stats', path, '--json']).stdout).samples.changed).toBe(2);
	});
});
