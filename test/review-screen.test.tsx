import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it, vi} from 'vitest';
import {Dataset} from '../source/dataset/dataset.js';
import {defaultCategories} from '../source/review/categories.js';
import {ReviewController} from '../source/review/controller.js';
import type {SampleSearch} from '../source/review/sample-search.js';
import {DecisionStore} from '../source/store/decision-store.js';
import {ReviewerPosition} from '../source/store/reviewer-position.js';
import {LiveSession} from '../source/store/live-session.js';
import {useTempDir} from './helpers/temp.js';
import {chatLines, reviewFixture} from './helpers/review-fixture.js';
import {useReviewScreen} from './helpers/review-screen.js';
import {waitFor} from './helpers/wait-for.js';

const tempDir = useTempDir();
const screen = useReviewScreen();

describe('review screen', () => {
	it('shows the sample, its position, id, format, metadata, status bar and key hints', async () => {
		const {frame} = await screen();
		expect(frame()).toContain('1/6');
		expect(frame()).toContain('s1');
		expect(frame()).toContain('question 1');
		expect(frame()).toContain('model=gen-1');
		expect(frame()).toMatch(/tester.*0\/6 decided/);
		expect(frame()).toMatch(/a acc/);
	});

	it('shows metadata numbers as the line writes them (1.0, 1e-5, a long integer), in the header and the metadata panel', async () => {
		const line = '{"id":"s1","temperature":1.0,"params":{"top_p":0.90,"lr":1e-5,"seed":12345678901234567890,"n":[1.50, 2]},"input_tokens":12,"messages":[{"role":"user","content":"question 1"},{"role":"assistant","content":"answer 1"}]}\n';
		const {frame, type} = await screen(line, {}, {columns: 200, rows: 30});
		expect(frame()).toContain('temperature=1.0');
		expect(frame()).toContain('params={"top_p":0.90,"lr":1e-5,"seed":12345678901234567890,"n":[1.50,2]}');
		expect(frame()).toContain('input_tokens=12');
		await type('m');
		expect(frame()).toMatch(/"top_p": 0\.90,/);
		expect(frame()).toMatch(/"seed": 12345678901234567890,/);
		expect(frame()).toMatch(/^temperature\n {2}1\.0$/m);
		expect(frame()).toMatch(/^ {6}1\.50,$/m);
	});

	it('accepts, rejects and advances; undo returns to the undone sample', async () => {
		const {frame, type, store} = await screen();
		await type('a');
		expect(frame()).toContain('question 2');
		await type('x');
		expect(frame()).toContain('question 3');
		expect(store.get('s1', 'tester')?.verdict).toBe('accepted');
		expect(store.get('s2', 'tester')?.verdict).toBe('rejected');
		await type('u');
		expect(frame()).toContain('question 2');
		expect(store.get('s2', 'tester')?.verdict).toBeNull();
		await type('u');
		expect(frame()).toContain('question 1');
		expect(store.get('s1', 'tester')?.verdict).toBeNull();
		await type('u');
		expect(frame()).toContain('nothing to undo');
	});

	it('a lead\'s decision says on its line that it resolves', async () => {
		const {frame, type, store} = await screen(undefined, {lead: true});
		store.set({sample: 's1', reviewer: 'alice', verdict: 'accepted', categories: [], note: ''});
		store.set({sample: 's1', reviewer: 'bob', verdict: 'rejected', categories: [], note: ''});
		await type('F');
		await type('a', 'h');
		await waitFor(() => frame().includes('question 1'));
		expect(frame()).toContain('you (tester): accepted (lead: resolves)');
	});

	it('flags bias with categories and a note', async () => {
		const {frame, type, store} = await screen();
		await type('b');
		expect(frame()).toContain('Flag for bias');
		expect(frame()).toContain('gender identity');
		await type('1', '7', '\t', 'old people stereotype', '\r');
		expect(frame()).toContain('question 2');
		expect(store.get('s1', 'tester')).toMatchObject({verdict: 'flagged', categories: ['age', 'religion'], note: 'old people stereotype'});
	});

	it('refuses to flag with no category picked', async () => {
		const {frame, type} = await screen();
		await type('b', '\r');
		expect(frame()).toContain('pick at least one category');
		await type('\u001B');
		expect(frame()).toContain('question 1');
	});

	it('adds a note without deciding', async () => {
		const {frame, type, store} = await screen();
		await type('c', 'check facts', '\r');
		expect(frame()).toContain('note: check facts');
		await type('c', ' twice\r');
		expect(frame()).toContain('note: check facts twice');
		expect(store.get('s1', 'tester')).toMatchObject({verdict: null, note: 'check facts twice'});
	});

	it('skips, moves, goes to a number, first and last', async () => {
		const {frame, type} = await screen();
		await type('s');
		expect(frame()).toContain('question 2');
		await type('h');
		expect(frame()).toContain('question 1');
		await type(':', '5', '\r');
		expect(frame()).toContain('question 5');
		await type('G');
		expect(frame()).toContain('question 6');
		await type('g');
		expect(frame()).toContain('question 1');
		await type(':', '99', '\r');
		expect(frame()).toContain('no sample 99');
		await type(':', 'abc', '\r');
		expect(frame()).toContain('go to: type a sample number from 1 to 6');
		// Over SSH, digits and enter typed quickly arrive as one chunk.
		await type(':', '3\r');
		expect(frame()).toContain('question 3');
		await type(':4\r');
		expect(frame()).toContain('question 4');
	});

	it('searches and moves between matches with n and N', async () => {
		const {frame, type, until} = await screen(chatLines(8, i => (i % 3 === 2 ? `needle ${i + 1}` : `hay ${i + 1}`)));
		await type('/', 'NEEDLE', '\r');
		await until(() => frame().includes('needle 3'), 'the first match');
		await type('n');
		await until(() => frame().includes('needle 6'), 'the next match');
		await type('N');
		await until(() => frame().includes('needle 3'), 'the previous match');
	});

	it('cycles the filter and advances only through samples it shows', async () => {
		const {frame, type} = await screen();
		await type('a', 'a', 'r');
		await type('F');
		expect(frame()).toMatch(/filter: all/);
		await type('F');
		expect(frame()).toMatch(/filter: accepted/);
		expect(frame()).toContain('question 1');
		await type('l');
		expect(frame()).toContain('question 2');
		await type('l');
		expect(frame()).toContain('no later accepted sample');
	});

	it('shows help and the stats panel, and closes them', async () => {
		const {frame, type} = await screen();
		await type('?');
		expect(frame()).toContain('undo the last decision');
		await type('?');
		expect(frame()).toContain('question 1');
		await type('a', 't');
		expect(frame()).toMatch(/accepted\s+1/);
		await type('\u001B');
		expect(frame()).toContain('question 2');
	});

	it('scrolls a long sample inside the viewport, keeping the status bar', async () => {
		const long = JSON.stringify({id: 'long', text: Array.from({length: 80}, (_, i) => `paragraph ${i + 1}`).join('\n')});
		const {frame, type} = await screen(`${long}\n`);
		expect(frame()).toContain('paragraph 1');
		expect(frame()).not.toContain('paragraph 40');
		await type('\u001B[6~', '\u001B[6~');
		expect(frame()).not.toContain('paragraph 1\n');
		expect(frame()).toMatch(/rows \d+–\d+ of/);
		expect(frame()).toMatch(/decided/);
		const lines = frame().split('\n');
		expect(lines.length).toBeLessThanOrEqual(23);
	});

	it('shows escape sequences in a sample as visible placeholders', async () => {
		const evil = JSON.stringify({id: 'evil', text: 'red \u001B[31mRED\u001B[0m clip \u001B]52;c;aGk=\u0007 bidi \u202Eabc'});
		const {frame} = await screen(`${evil}\n`);
		expect(frame()).toContain('␛[31mRED');
		expect(frame()).toContain('⟨U+202E⟩');
		// Ink styles the frame itself; nothing else may carry ESC: strip Ink's SGR codes and look again.
		const withoutStyles = frame().replaceAll(/\u001B\[[\d;]*m/g, '');
		expect(withoutStyles).not.toContain('\u001B');
		expect(withoutStyles).not.toContain('\u0007');
	});

	it('writes a decision to disk by itself, with no save key', async () => {
		const {type, db} = await screen();
		await type('a');
		const decisionsOnDisk = () => existsSync(db) ? (JSON.parse(readFileSync(db, 'utf8')) as {decisions: unknown[]}).decisions : [];
		await waitFor(() => decisionsOnDisk().length > 0, 'the decision in the decisions file');
		expect(decisionsOnDisk()).toHaveLength(1);
	});
});

describe('what a reviewer is told about their own decisions', () => {
	it('counts only this reviewer\'s decisions of this session, and an undo speaks of their own decision', async () => {
		const {frame, type, store, controller} = await screen(chatLines(6));
		// Bob decided sample 6 (in another process): counted in the totals, not as this reviewer's work.
		store.set({sample: 's6', reviewer: 'bob', verdict: 'accepted'});
		await type('a', 'r', 'a');
		expect(controller.decidedThisSession()).toBe(3);
		await type('u');
		expect(controller.decidedThisSession()).toBe(2);
		expect(frame()).toMatch(/undone: your decision on sample 3 is withdrawn/);
		expect(controller.counts.decided).toBe(3);
	});
});

describe('ids no decision can be keyed by', () => {
	it('says once the file is indexed how many samples have an id of null, "" or true (identified by their bytes), and names the first line', async () => {
		const line = (id: unknown, i: number) => JSON.stringify({id, messages: [{role: 'user', content: `q ${i}`}, {role: 'assistant', content: `a ${i}`}]});
		const {frame} = await screen([line('s1', 1), line(null, 2), line('', 3), line('s4', 4), line(true, 5)].join('\n') + '\n', {}, {columns: 200, rows: 24});
		await waitFor(() => frame().includes('3 samples in samples.jsonl have an "id" that is not a non-empty string or a number (first: line 2, null)'), 'the warning');
	});

	it('says nothing when every sample has a usable id, or when no sample has the default id field', async () => {
		const {frame, controller} = await screen(chatLines(3));
		const noIds = await screen(['a', 'b'].map(text => JSON.stringify({text})).join('\n') + '\n');
		await waitFor(() => controller.dataset.indexed && noIds.controller.dataset.indexed);
		// The check runs in slices after indexing: a decision typed after it shows its own message.
		await new Promise(resolve => setImmediate(resolve));
		expect(frame()).not.toContain('identified by the hash');
		expect(noIds.frame()).not.toContain('identified by the hash');
	});
});

describe('resuming a session', () => {
	const open = async (dir: string, reviewer = 'tester') => reviewFixture(dir, chatLines(8), {reviewer, position: new ReviewerPosition(join(dir, 'samples.decisions.json'), reviewer)});
	const leave = (fixture: Awaited<ReturnType<typeof open>>) => {
		fixture.controller.close();
		fixture.store.close();
		fixture.dataset.close();
	};

	it('starts exactly where the reviewer left off, skipped samples and filter included', async () => {
		const dir = tempDir();
		const first = await open(dir);
		first.controller.dispatch({type: 'decide', verdict: 'accepted'});
		first.controller.dispatch({type: 'skip'});
		first.controller.dispatch({type: 'skip'});
		first.controller.dispatch({type: 'cycle-filter'});
		expect(first.controller.state).toMatchObject({cursor: 3, filter: 'all'});
		leave(first);

		const again = await open(dir);
		expect(again.controller.state).toMatchObject({cursor: 3, filter: 'all'});
		expect(again.controller.state.message).toBe('resumed where you left off: sample 4');
		leave(again);

		// Each reviewer has their own place; a first session starts at the first undecided sample.
		const bob = await open(dir, 'bob');
		expect(bob.controller.state).toMatchObject({cursor: 0, filter: 'undecided'});
		leave(bob);
	});

	it('starts at the first undecided sample when the remembered one is no longer in the dataset', async () => {
		const dir = tempDir();
		const first = await open(dir);
		first.controller.dispatch({type: 'decide', verdict: 'accepted'});
		first.controller.dispatch({type: 'goto', number: 6});
		await first.store.flush();
		leave(first);
		writeFileSync(join(dir, 'samples.jsonl'), chatLines(4));
		const dataset = await Dataset.open(join(dir, 'samples.jsonl'));
		const store = await DecisionStore.open(join(dir, 'samples.decisions.json'), dataset.name, {watchInterval: 0});
		const controller = new ReviewController(dataset, store, {reviewer: 'tester', categories: defaultCategories, position: new ReviewerPosition(join(dir, 'samples.decisions.json'), 'tester')});
		expect(controller.state.cursor).toBe(1);
		controller.close();
		store.close();
		dataset.close();
	});
});

describe('stopping a search', () => {
	it('esc while a search goes through the file stops it where the reviewer is', async () => {
		const fixture = await reviewFixture(tempDir(), chatLines(2000));
		const {controller} = fixture;
		const find = vi.spyOn((controller as unknown as {searching: SampleSearch}).searching, 'find');
		controller.dispatch({type: 'search', query: 'question 1999'});
		expect(controller.state.searching).toBe(true);
		controller.dispatch({type: 'close'});
		expect(controller.state).toMatchObject({searching: false, message: 'search stopped', cursor: 0});
		// The stopped search has ended (and the controller, first to hear of it, has done with it).
		await expect(find.mock.results[0]!.value).resolves.toEqual({kind: 'stopped'});
		expect(controller.state).toMatchObject({searching: false, cursor: 0});
		fixture.store.close();
		fixture.dataset.close();
	});
});

describe('split mode', () => {
	it('g and the arrows skip an undecided sample another reviewer has open, as deciding does', async () => {
		const dir = tempDir();
		const db = join(dir, 'samples.decisions.json');
		const session = (reviewer: string, host: string) => {
			const live = new LiveSession(db, reviewer, 'split', {heartbeat: 60_000});
			Object.assign((live as unknown as {me: {host: string}}).me, {host});
			live.start();
			return live;
		};

		const aliceLive = session('alice', 'host-a');
		const alice = await reviewFixture(dir, chatLines(6), {reviewer: 'alice', live: aliceLive});
		expect(alice.controller.state.cursor).toBe(0);
		const bobLive = session('bob', 'host-b');
		const bob = await reviewFixture(dir, chatLines(6), {reviewer: 'bob', live: bobLive});
		// Alice has sample 1 open: bob starts on sample 2, and g, ← do not take him to sample 1.
		expect(bob.controller.state.cursor).toBe(1);
		bob.controller.dispatch({type: 'move', direction: 1});
		expect(bob.controller.state.cursor).toBe(2);
		bob.controller.dispatch({type: 'first'});
		expect(bob.controller.state.cursor).toBe(1);
		bob.controller.dispatch({type: 'move', direction: -1});
		expect(bob.controller.state.cursor).toBe(1);
		// Browsing another filter, or going to a number, still reaches it.
		bob.controller.dispatch({type: 'cycle-filter'});
		bob.controller.dispatch({type: 'first'});
		expect(bob.controller.state.cursor).toBe(0);
		for (const fixture of [alice, bob]) {
			fixture.controller.close();
			fixture.store.close();
			fixture.dataset.close();
		}
	});
});
