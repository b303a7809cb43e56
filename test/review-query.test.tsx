// The query line (f): the same language as winnow stats --where, tab completion, the count in the
// status bar, the status filter still on F, and D deciding every sample the query matches.
import {describe, expect, it} from 'vitest';
import {useReviewScreen} from './helpers/review-screen.js';
import {waitFor} from './helpers/wait-for.js';
import {withoutInkStyles} from './helpers/hostile-text.js';

const reviewScreen = useReviewScreen();

const refusal = 'As an AI language model, I cannot help with that request.';

function line(id: string, answer: string, model: string): string {
	return JSON.stringify({id, model, messages: [{role: 'user', content: `question ${id}`}, {role: 'assistant', content: answer}]});
}

const content = [
	line('s1', 'Paris is the capital of France.', 'gen-a'),
	line('s2', refusal, 'gen-a'),
	line('s3', 'Water boils at one hundred degrees.', 'gen-b'),
	line('s4', refusal, 'gen-b'),
	line('s5', 'Seven is a prime number.', 'gen-a'),
	line('s6', refusal, 'gen-a'),
].join('\n') + '\n';

async function opened(size = {columns: 140, rows: 24}) {
	const screen = await reviewScreen(content, {}, size);
	screen.controller.startSignals();
	await waitFor(() => screen.controller.signals.table !== undefined, 'the signals table');
	return {...screen, text: () => withoutInkStyles(screen.frame()), id: () => screen.controller.currentSample().sample.id};
}

describe('f: the query line', () => {
	it('filters by a signal, counts the matches in the status bar, and → goes through them only', async () => {
		const {type, text, id, controller} = await opened();
		await type('f', 'signal:refusal\r');
		await waitFor(() => controller.query?.done === true, 'the query to finish');
		await type('\u001B[C', '\u001B[D');
		expect(text()).toContain('query: signal:refusal (3)');
		expect(id()).toBe('s2');
		await type('\u001B[C');
		expect(id()).toBe('s4');
		await type('\u001B[C');
		expect(id()).toBe('s6');
		// Prefilled with the current query; AND with a metadata field.
		await type('f');
		expect(text()).toContain('filter: signal:refusal');
		await type(' model:gen-a\r');
		await waitFor(() => controller.query?.done === true, 'the query to finish');
		await type('g');
		expect(id()).toBe('s2');
		await type('\u001B[C');
		expect(id()).toBe('s6');
		// An empty query: back to the status filter alone.
		await type('f', '\u0015', '\r');
		expect(controller.query).toBeUndefined();
	});

	it('a query nothing matches leaves the sample on screen marked as not matching it, until one that matches is shown', async () => {
		const {type, text, id} = await opened();
		expect(text()).not.toContain('not matching');
		await type('f', 'zzzz\r');
		await waitFor(() => text().includes('no undecided samples match zzzz'));
		// Still on s1, which the query does not match: a verdict here is not a verdict on the slice.
		expect(id()).toBe('s1');
		expect(text()).toContain('not matching zzzz · ○ undecided');
		await type('f', '\u0015', 'signal:refusal\r');
		await waitFor(() => id() === 's2');
		expect(text()).not.toContain('not matching');
	});

	it('counts what the screen shows: the matches the status filter shows, kept up to date as samples are decided', async () => {
		const {type, text, controller, store} = await opened();
		await type('f', 'signal:refusal\r');
		await waitFor(() => controller.query?.done === true, 'the query to finish');
		await type('\u001B[C', '\u001B[D');
		expect(text()).toContain('filter: undecided · query: signal:refusal (3)');
		// One decided here: the undecided filter no longer shows it.
		await type('r');
		await waitFor(() => text().includes('query: signal:refusal (2)'));
		// One decided elsewhere (another process's record, merged into the store).
		store.set({sample: 's4', reviewer: 'ann', verdict: 'accepted', categories: [], note: ''});
		await waitFor(() => text().includes('query: signal:refusal (1)'));
		await type('D', 'r', 'y');
		await waitFor(() => text().includes('query: signal:refusal (0)'));
		await type('u');
		await waitFor(() => text().includes('query: signal:refusal (1)'));
		// Another status filter: counted again for it.
		await type('F');
		expect(controller.state.filter).not.toBe('undecided');
		const shown = Array.from({length: 6}, (_, i) => i).filter(i => controller.shows(i)).length;
		expect(shown).toBe(3);
		await waitFor(() => text().includes(`query: signal:refusal (${shown})`));
	});

	it('at 80 columns a long message takes two rows rather than losing its end; the key bar stays', async () => {
		const {type, text, controller} = await opened({columns: 80, rows: 24});
		await type('f', 'signal:refusal\r');
		await waitFor(() => controller.query?.done === true, 'the query to finish');
		await type('D', 'r');
		// The confirmation fits, its y/N included.
		expect(text()).toContain('reject 3 samples matching signal:refusal? y/N');
		await type('y');
		const rows = text().split('\n');
		expect(rows).toHaveLength(23);
		const said = rows.findIndex(row => row.startsWith('rejected 3 samples matching signal:refusal — u undoes;'));
		expect(said, text()).toBeGreaterThan(0);
		expect(`${rows[said]} ${rows[said + 1]}`).toContain('rejected 3 samples matching signal:refusal — u undoes; no more undecided samples (f: query, F: status filter)');
		expect(rows.at(-1)).toMatch(/^a acc/);
		expect(rows.at(-2)).toContain('undecided signal:refusal');
		await waitFor(() => text().includes('undecided signal:refusal (0)'));
		// A short message: one row again, the viewport whole.
		await type('f', '\u0015', 'signal:model-identity\r');
		expect(text()).toContain('no undecided samples match signal:model-identity (F: the status filter)');
		expect(text().split('\n')).toHaveLength(23);
	});

	it('says where a bad query is wrong, and stays in the line to mend it', async () => {
		const {type, text, controller} = await opened();
		await type('f', 'signal:refusl\r');
		expect(text()).toMatch(/bad query at column \d+: .*refusal/);
		expect(controller.state.mode.name).toBe('query');
	});

	it.each([[90, 24], [80, 24], [60, 30]])('at %i×%i a long query error is shown whole, over as many rows as it needs', async (columns, rows) => {
		const {type, text, controller} = await opened({columns, rows});
		await type('f', 'signal:refusl\r');
		const mode = controller.state.mode;
		expect(mode.name).toBe('query');
		const sentence = mode.name === 'query' ? mode.error! : '';
		expect(sentence.length).toBeGreaterThan(columns * 2);
		const screen = text().split('\n');
		expect(screen).toHaveLength(rows - 1);
		const first = screen.findIndex(row => row.startsWith('bad query at column 8'));
		expect(first, text()).toBeGreaterThan(0);
		const shown = screen.slice(first).join(' ').replaceAll(/\s+/g, ' ').trim();
		expect(shown).toBe(sentence.replaceAll(/\s+/g, ' '));
	});

	it('says so when no sample has a field the query names, with a guess at what was meant', async () => {
		const {type, text, controller} = await opened();
		await type('f', 'modle:gen-a\r');
		await waitFor(() => controller.query?.done === true, 'the query to finish');
		await waitFor(() => text().includes('has a field "modle"'), 'the missing-field sentence');
		expect(text()).toContain('did you mean model?');
		// A field some sample has: no such sentence.
		await type('f', '\u0015', 'model:gen-z\r');
		await waitFor(() => controller.query?.done === true && controller.query.text === 'model:gen-z', 'the second query to finish');
		await type('\u001B[C');
		expect(text()).not.toContain('has a field');
	});

	it('tab completes signal and field names', async () => {
		const {type, controller} = await opened();
		await type('f', 'sig', '\t');
		expect(controller.state.mode).toMatchObject({text: 'signal:'});
		await type('ref', '\t');
		expect(controller.state.mode).toMatchObject({text: 'signal:refusal'});
		await type(' mod', '\t');
		expect(controller.state.mode).toMatchObject({text: 'signal:refusal model:'});
	});

	it('tab completes a metadata field\'s values, as seen in the file\'s samples', async () => {
		const {type, controller} = await opened();
		await type('f', 'model:g', '\t');
		expect(controller.state.mode).toMatchObject({text: 'model:gen-', candidates: ['model:gen-a', 'model:gen-b']});
		await type('b', '\t');
		expect(controller.state.mode).toMatchObject({text: 'model:gen-b'});
	});

	it('F still cycles the status filter', async () => {
		const {type, controller} = await opened();
		await type('F');
		expect(controller.state.filter).toBe('all');
	});
});

describe('D with a query: every sample it matches in one step', () => {
	it('rejects them with the query as the rule, leaves others\' decisions alone, and one u undoes it', async () => {
		const {type, text, store, controller} = await opened();
		store.set({sample: 's4', reviewer: 'ann', verdict: 'accepted', categories: [], note: ''});
		await type('f', 'signal:refusal\r');
		// The undecided filter hides ann's s4: the slice is what the status bar counts.
		await waitFor(() => text().includes('signal:refusal (2)'), 'the status bar\'s count');
		await type('D', 'r');
		expect(text()).toContain('reject 2 samples matching signal:refusal? y/N');
		await type('n', 'F');
		expect(controller.state.filter).toBe('all');
		await type('D', 'r');
		expect(text()).toContain('reject 2 of the 3 samples matching signal:refusal (1 decided by others left alone)? y/N');
		await type('y');
		expect(store.get('s2', 'tester')).toMatchObject({verdict: 'rejected', rule: 'signal:refusal'});
		expect(store.get('s6', 'tester')).toMatchObject({verdict: 'rejected', rule: 'signal:refusal'});
		expect(store.get('s4', 'tester')).toBeUndefined();
		expect(store.get('s1', 'tester')).toBeUndefined();
		await type('u');
		expect(store.get('s2', 'tester')?.verdict).toBeNull();
		expect(store.get('s6', 'tester')?.verdict).toBeNull();
		expect(controller.state.undo).toHaveLength(0);
	});

	it('decides exactly the samples the status bar counts (the status filter AND the query), and says when it replaces your own decisions', async () => {
		const {type, text, store, controller} = await opened();
		for (const id of ['s1', 's2', 's4']) store.set({sample: id, reviewer: 'tester', verdict: 'accepted', categories: [], note: ''});
		await type('F', 'F');
		expect(controller.state.filter).toBe('accepted');
		await type('f', 'signal:refusal\r');
		await waitFor(() => text().includes('signal:refusal (2)'), 'the status bar\'s count');
		await type('D', 'r');
		expect(text()).toContain('reject 2 samples matching signal:refusal status:accepted; 2 of them replace your own earlier decisions? y/N');
		await type('y');
		for (const id of ['s2', 's4']) expect(store.get(id, 'tester')).toMatchObject({verdict: 'rejected', rule: 'signal:refusal status:accepted', replaced: {verdict: 'accepted'}});
		expect(store.get('s6', 'tester')).toBeUndefined();
		expect(store.get('s1', 'tester')?.verdict).toBe('accepted');
	});

	it('a decision made on other bytes than the sample holds now neither blocks it nor counts as already made', async () => {
		const {type, text, store} = await opened();
		// Made on bytes s4 and s6 no longer hold: ann's does not keep s4 out, the tester's own rejection of s6 is not "already".
		store.set({sample: 's4', reviewer: 'ann', verdict: 'accepted', categories: [], note: '', hash: 'sha1:0123456789abcdef'});
		store.set({sample: 's6', reviewer: 'tester', verdict: 'rejected', categories: [], note: '', hash: 'sha1:0123456789abcdef'});
		await type('f', 'signal:refusal\r');
		await type('D', 'r');
		expect(text()).toContain('reject 3 samples matching signal:refusal? y/N');
		await type('y');
		expect(store.get('s4', 'tester')).toMatchObject({verdict: 'rejected', rule: 'signal:refusal'});
		expect(store.get('s6', 'tester')?.hash).not.toBe('sha1:0123456789abcdef');
	});
});
