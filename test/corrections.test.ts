// Corrections (issue #13): `e` opens the sample in $VISUAL / $EDITOR as pretty-printed JSON in a
// private temporary file, the terminal handed over and taken back; what is saved is checked and
// recorded as the reviewer's correction; export writes it in place of the original (--original not).
import {chmodSync, existsSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {checkCorrection, correctionDraft, correctionOf, lineDiff} from '../source/review/corrections.js';
import {runCli} from './helpers/cli-run.js';
import {writeDecisions, decision} from './helpers/decision-records.js';
import {PtySession} from './helpers/pty-process.js';
import {useTempDir, writeFile} from './helpers/temp.js';

const tempDir = useTempDir();

const chat = (i: number, answer = `answer ${i}`) => JSON.stringify({id: `s${i}`, messages: [{role: 'user', content: `question ${i}`}, {role: 'assistant', content: answer}]});

/** A fake editor: notes the file's mode and the terminal's settings, then runs `edit` on the file (sed). */
function fakeEditor(dir: string, edit: string): string {
	return writeFile(dir, 'editor.sh', `#!/bin/sh\nstat -c %a "$1" > "${dir}/mode"\nstty -a < /dev/tty > "${dir}/stty"\necho "$1" > "${dir}/path"\n${edit}\n`);
}

describe('corrections', () => {
	it('checks an edited sample: JSON, an object, the same format', () => {
		expect(checkCorrection('{"messages": [{"role": "user", "content": "hi"}]}', 'chat')).toHaveProperty('value');
		expect(checkCorrection('{"messages": [', 'chat')).toMatchObject({problem: expect.stringContaining('not JSON')});
		expect(checkCorrection('[1]', 'chat')).toMatchObject({problem: expect.stringContaining('must be a JSON object')});
		expect(checkCorrection('{"prompt": "p", "completion": "c"}', 'chat')).toMatchObject({problem: expect.stringContaining('keep its format')});
		expect(lineDiff('a\nb\nc', 'a\nx\nc').map(line => `${line.mark}${line.text}`)).toEqual([' a', '-b', '+x', ' c']);
		const older = decision('s1', 'ann', 'accepted', {at: '2026-01-01T00:00:00.000Z', correction: {v: 1}});
		const newer = decision('s1', 'bob', null, {at: '2026-01-02T00:00:00.000Z', correction: {v: 2}});
		expect(correctionOf([older, newer])?.reviewer).toBe('bob');
	});

	it('e through a fake $EDITOR: the terminal is handed over and restored, the correction recorded, shown, toggled, exported', async () => {
		const dir = tempDir();
		const path = writeFile(dir, 'samples.jsonl', [chat(1), chat(2)].join('\n') + '\n');
		const editor = fakeEditor(dir, `sed -i 's/answer 1/answer one, corrected/' "$1"`);
		chmodSync(editor, 0o755);
		const session = new PtySession([path], {env: {VISUAL: undefined, EDITOR: editor}});
		await session.waitFor('question 1');
		await session.press('e');
		await session.waitFor('correction saved');
		await session.waitFor('— d shows the original');
		await session.waitFor('answer one, corrected');
		await session.waitFor('✎ corrected by tester');
		// The editor had the main screen and a cooked terminal; the screen came back to raw and alternate.
		expect(readFileSync(join(dir, 'mode'), 'utf8').trim()).toBe('600');
		expect(readFileSync(join(dir, 'stty'), 'utf8')).toMatch(/(?<!-)icanon/);
		const afterEditor = session.output.lastIndexOf('\u001B[?1049l');
		expect(session.output.indexOf('\u001B[?1049h', afterEditor)).toBeGreaterThan(afterEditor);
		// The private file is gone.
		expect(() => readFileSync(readFileSync(join(dir, 'path'), 'utf8').trim())).toThrow();
		await session.press('d');
		await session.waitFor('answer 1');
		await session.press('d');
		await session.waitFor('+       "content": "answer one, corrected"');
		await session.press('d', 'a');
		await session.waitFor('question 2');
		await session.press('q');
		expect(await session.waitExit()).toBe(0);

		const file = JSON.parse(readFileSync(join(dir, 'samples.decisions.json'), 'utf8')) as {decisions: Array<Record<string, unknown>>};
		// Appended: the newest line for a sample and reviewer is its current record.
		expect(file.decisions.filter(record => record.sample === 's1' && record.reviewer === 'tester').at(-1)).toMatchObject({sample: 's1', reviewer: 'tester', verdict: 'accepted', correction: {id: 's1', messages: [{role: 'user', content: 'question 1'}, {role: 'assistant', content: 'answer one, corrected'}]}});
		// The dataset's bytes are untouched.
		expect(readFileSync(path, 'utf8')).toBe([chat(1), chat(2)].join('\n') + '\n');

		const exported = runCli(['export', 'samples.jsonl'], {cwd: dir});
		expect(exported.status).toBe(0);
		expect(exported.stdout).toBe(`${chat(1, 'answer one, corrected')}\n`);
		expect(exported.stderr).toContain('1 corrected sample written as corrected');
		expect(runCli(['export', 'samples.jsonl', '--original'], {cwd: dir}).stdout).toBe(`${chat(1)}\n`);
		const annotated = JSON.parse(runCli(['export', 'samples.jsonl', '--annotate'], {cwd: dir}).stdout) as {messages: Array<{content: string}>; winnow: {corrected: {by: string}}};
		expect(annotated.messages[1].content).toBe('answer one, corrected');
		expect(annotated.winnow.corrected.by).toBe('tester');
	});

	it('an edit that is not JSON, or of another format, is refused and nothing is recorded', async () => {
		const dir = tempDir();
		const path = writeFile(dir, 'samples.jsonl', `${chat(1)}\n`);
		const editor = fakeEditor(dir, 'printf \'{"prompt": "p", "completion": "c"}\' > "$1"');
		chmodSync(editor, 0o755);
		const session = new PtySession([path], {env: {VISUAL: editor}});
		await session.waitFor('question 1');
		await session.press('e');
		await session.waitFor('keep its format');
		writeFileSync(editor, `#!/bin/sh\nprintf '{"messages": [' > "$1"\n`);
		await session.press('e');
		await session.waitFor('not JSON');
		await session.press('q');
		expect(await session.waitExit()).toBe(0);
		const db = join(dir, 'samples.decisions.json');
		expect(existsSync(db) ? readFileSync(db, 'utf8') : '').not.toContain('correction');
	});

	it('newest correction wins in export, whoever made it', () => {
		const dir = tempDir();
		writeFile(dir, 'samples.jsonl', `${chat(1)}\n`);
		writeDecisions(dir, 'samples.jsonl', [
			decision('s1', 'ann', 'accepted', {at: '2026-01-02T00:00:00.000Z', correction: JSON.parse(chat(1, 'by ann')) as Record<string, unknown>}),
			decision('s1', 'bob', 'accepted', {at: '2026-01-01T00:00:00.000Z', correction: JSON.parse(chat(1, 'by bob')) as Record<string, unknown>}),
		]);
		expect(runCli(['export', 'samples.jsonl'], {cwd: dir}).stdout).toBe(`${chat(1, 'by ann')}\n`);
	});

	it('keeps the numbers as the line writes them where the correction left them: an id beyond 2^53, 1.0, 1e-5', () => {
		const dir = tempDir();
		const line = '{"id": 12345678901234567890, "temperature": 1.0, "params": {"lr": 1e-5, "top_p": 0.90}, "prompt": "p", "completion": "c"}';
		writeFile(dir, 'samples.jsonl', `${line}\n{"id": 12345678901234567000, "prompt": "q", "completion": "d"}\n`);
		// As the decisions file holds it: parsed, the numbers rounded to doubles. The reviewer changed top_p.
		const correction = {...JSON.parse(line) as Record<string, unknown>, params: {lr: 1e-5, top_p: 0.5}, completion: 'c, fixed'};
		writeDecisions(dir, 'samples.jsonl', [decision('12345678901234567890', 'ann', 'accepted', {correction})]);
		const exported = runCli(['export', 'samples.jsonl'], {cwd: dir}).stdout.split('\n')[0];
		expect(exported).toBe('{"id":12345678901234567890,"temperature":1.0,"params":{"lr":1e-5,"top_p":0.5},"prompt":"p","completion":"c, fixed"}');
		// The editor is given them as written too, indented.
		const draft = correctionDraft(JSON.parse(line), line);
		expect(draft).toContain('"id": 12345678901234567890,');
		expect(draft).toContain('"temperature": 1.0,');
		expect(draft).toContain('"lr": 1e-5,');
		expect(JSON.parse(draft)).toEqual(JSON.parse(line));
	});
});
