// Untrusted text through the real review screen: samples, metadata, ids, role names, other
// reviewers' names and notes, and the dataset's file name hold arbitrary code points and generated
// escape sequences (CSI, OSC 52 / OSC 8 / titles, DCS, APC, PM, SOS, C1, bidi, lone surrogates).
// Whatever they hold, the frame carries no control sequence but Ink's own styling, and the layout
// (status bar, key hints, height) stays intact.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {forbiddenIn, hostileFileName, hostileText, withoutInkStyles} from './helpers/hostile-text.js';
import {inkStringWidth, useReviewScreen} from './helpers/review-screen.js';

const openScreen = useReviewScreen();

// Ink's own measure (string-width 8): a text-presentation emoji such as U+1F324 is one column, as
// in terminals; the project's string-width 7 would call it two.
const stringWidth = await inkStringWidth();

const rows = 24; // ink-testing-library's terminal: 100 columns, rows unset (the screen assumes 24)
const columns = 100;

type Evil = {id: string; key: string; value: string; role: string; text: string; reviewer: string; note: string};

const evil: fc.Arbitrary<Evil> = fc.record({
	id: hostileText(4),
	key: hostileText(3),
	value: hostileText(5),
	role: hostileText(3),
	text: hostileText(10),
	reviewer: hostileText(3),
	note: hostileText(4),
});

/** One line of each shape the screen renders differently, all carrying the hostile strings. */
const shapes: Record<string, (e: Evil) => string> = {
	chat: e => JSON.stringify({id: e.id, [e.key]: e.value, model: e.value, messages: [{role: e.role, content: e.text}, {role: 'assistant', content: null, tool_calls: [{id: e.id, function: {name: e.role, arguments: e.text}}]}, {role: 'tool', content: e.text}]}),
	sharegpt: e => JSON.stringify({id: e.id, conversations: [{from: e.role, value: e.text}, {from: 'gpt', value: e.value}], [e.key]: {nested: e.value}}),
	alpaca: e => JSON.stringify({id: e.id, instruction: e.text, input: e.value, output: e.text, [e.key]: [e.value, 1]}),
	preference: e => JSON.stringify({id: e.id, prompt: e.text, chosen: [{role: e.role, content: e.value}], rejected: e.text, tools: JSON.stringify([{type: 'function', function: {name: e.role, description: e.text, parameters: {type: 'object', properties: {[e.key]: {type: 'string'}}}}}])}),
	json: e => JSON.stringify({id: e.id, [e.key]: e.text, [e.value]: [e.role]}),
	'not an object': e => JSON.stringify([e.id, e.text]),
	// Raw bytes, not JSON: the line's own text and JSON.parse's message (which quotes it) are shown.
	'not JSON': e => `{"id": "${e.id}", ${e.text}`.replaceAll('\n', ' ').replaceAll('\r', ' '),
};

function decisionsFor(name: string, e: Evil, sample: string) {
	return {
		schema: 1,
		dataset: name,
		createdAt: '2026-01-01T00:00:00.000Z',
		decisions: [
			{sample, reviewer: e.reviewer, verdict: 'flagged', categories: [e.note], note: e.note, at: '2026-01-01T00:00:01.000Z'},
			{sample, reviewer: 'tester', verdict: 'accepted', categories: [], note: e.note, at: '2026-01-01T00:00:02.000Z'},
		],
	};
}

function checkFrame(frame: string, what: string) {
	const plain = withoutInkStyles(frame);
	const offender = forbiddenIn(plain);
	expect(offender, `${what}: control character in the frame`).toBeUndefined();
	const lines = plain.split('\n');
	expect(lines.length, `${what}: frame taller than rows - 1`).toBeLessThanOrEqual(rows - 1);
	for (const line of lines) expect(stringWidth(line), `${what}: line wider than the terminal: ${line}`).toBeLessThanOrEqual(columns);
	return lines;
}

function checkLayout(frame: string, what: string) {
	const lines = checkFrame(frame, what);
	expect(lines.at(-2), `${what}: status bar`).toMatch(/\d+\/\d+ decided/);
	expect(lines.at(-1), `${what}: key hints`).toMatch(/a acc.*q quit/);
}

describe('hostile text on the review screen', () => {
	it('every sample shape: no control sequence reaches the frame, the layout holds', async () => {
		// Each run opens one screen over a line of every shape, each with its own hostile strings, and
		// steps through them: a screen opened per shape was most of this file's time.
		const names = Object.keys(shapes);
		await fc.assert(fc.asyncProperty(fc.array(evil, {minLength: names.length, maxLength: names.length}), async evils => {
			// A valid sample first: a file whose first line is all controls is refused as binary.
			const lines = names.map((shape, k) => shapes[shape](evils[k]));
			const screen = await openScreen(`{"id":"ok","text":"fine"}\n${lines.join('\n')}\n`);
			try {
				for (const [k, shape] of names.entries()) {
					await screen.type('l');
					checkLayout(screen.frame(), `${shape}, browse`);
					expect(screen.frame(), `${shape}: at sample ${k + 2}`).toMatch(new RegExp(`\\b${k + 2}/${names.length + 1}\\b`));
				}
			} finally {
				await screen.close();
			}
		}), {numRuns: 20});
	}, 180_000);

	it('the decision line, note field and stats panel with hostile reviewer names and notes', async () => {
		await fc.assert(fc.asyncProperty(evil, async e => {
			const screen = await openScreen(`${shapes.chat(e)}\n`, {decisions: decisionsFor('samples.jsonl', e, e.id), reviewer: 'tester'});
			try {
				// Decided samples are not in the default filter: show all, then go to the first.
				await screen.type('F', 'g');
				checkLayout(screen.frame(), 'browse, decided');
				await screen.type('t');
				checkFrame(screen.frame(), 'stats panel');
				await screen.type('\u001B', 'c');
				checkFrame(screen.frame(), 'note field holding an old note');
				await screen.type('\u001B', 'b');
				checkFrame(screen.frame(), 'bias picker');
				await screen.type('\t');
				checkFrame(screen.frame(), 'bias picker, note field');
			} finally {
				await screen.close();
			}
		}), {numRuns: 25});
	}, 180_000);

	it('a hostile reviewer name of ones own (from --reviewer or $WINNOW_REVIEWER)', async () => {
		await fc.assert(fc.asyncProperty(evil, async e => {
			const screen = await openScreen(`${shapes.json(e)}\n`, {reviewer: e.reviewer});
			try {
				checkLayout(screen.frame(), 'browse');
				await screen.type('a');
				checkLayout(screen.frame(), 'after a decision');
			} finally {
				await screen.close();
			}
		}), {numRuns: 20});
	}, 180_000);

	it('a dataset file name with escape sequences shows as placeholders in the header and the stats panel', async () => {
		await fc.assert(fc.asyncProperty(hostileFileName, async name => {
			const screen = await openScreen('{"id":"a","text":"hello"}\n', {fileName: name});
			try {
				checkLayout(screen.frame(), 'header');
				expect(screen.frame()).toContain('hello');
				await screen.type('t');
				checkFrame(screen.frame(), 'stats panel');
			} finally {
				await screen.close();
			}
		}), {numRuns: 40});
	}, 180_000);

	it('shows each kind of escape as a visible placeholder, not as nothing', async () => {
		const text = 'A\u001B]52;c;aGVsbG8=\u0007B\u009B31mC\u202ED\uD800E\u001BPq#0\u001B\\F\u001B_apc\u001B\\G';
		const screen = await openScreen(`${JSON.stringify({id: 'x', text})}\n`);
		try {
			expect(screen.frame()).toContain('A␛]52;c;aGVsbG8=␇B⟨U+009B⟩31mC⟨U+202E⟩D⟨U+D800⟩E␛Pq#0␛\\F␛_apc␛\\G');
		} finally {
			await screen.close();
		}
	});
});
