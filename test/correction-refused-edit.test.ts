// An edit the correction check refuses (not JSON, another format) is not lost: the next `e` on that
// sample opens it again, to be mended.
import {expect, test} from 'vitest';
import {reviewFixture} from './helpers/review-fixture.js';
import {useTempDir} from './helpers/temp.js';

const tempDir = useTempDir();

test('a refused edit opens again at the next e, then a good one is saved', async () => {
	const given: string[] = [];
	const edits = ['{"id": "s1", "prompt": "question 1", "completion": "fixed answer"', '{"id": "s1", "prompt": "question 1", "completion": "fixed answer"}'];
	const {controller} = await reviewFixture(tempDir(), '{"id": "s1", "prompt": "question 1", "completion": "answer 1"}\n', {
		editor(text) {
			given.push(text);
			return {kind: 'saved', text: edits.shift()!};
		},
	});
	controller.dispatch({type: 'correct'});
	expect(controller.state.message).toMatch(/^not saved: the edited sample is not JSON .* — e opens your edit again$/);
	controller.dispatch({type: 'correct'});
	// The second time the editor is given the refused text, not the sample.
	expect(given[1]).toBe('{"id": "s1", "prompt": "question 1", "completion": "fixed answer"');
	// One line edited: one line differs (not a removed and an added one counted apart).
	expect(controller.state.message).toMatch(/^correction saved \(1 line differs\)/);
	// Saved: the next e starts from the correction.
	edits.push('{"id": "s1", "prompt": "question 1", "completion": "fixed answer"}');
	controller.dispatch({type: 'correct'});
	expect(given[2]).toContain('"completion": "fixed answer"');
	expect(given[2].trim().endsWith('}')).toBe(true);
});
