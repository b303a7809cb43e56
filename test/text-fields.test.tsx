// Text fields (search /, note c, go to :, the bias picker's note): every key of a chunk counts.
// Over SSH and from tmux several keys arrive in one chunk (`tmux send-keys -H 7f 7f`); Ink hands
// such a chunk to the field as one string.
import {describe, expect, it} from 'vitest';
import {editField} from '../source/ui/text-editing.js';
import {chatLines} from './helpers/review-fixture.js';
import {useReviewScreen} from './helpers/review-screen.js';

const screen = useReviewScreen();

const del = '\u007F';
const bs = '\b';
const ctrlU = '\u0015';
const ctrlW = '\u0017';

describe('editField', () => {
	it('applies each key of a chunk in order', () => {
		expect(editField({text: 'abc', cursor: 3}, del + del)).toEqual({text: 'a', cursor: 1, submitted: false});
		expect(editField({text: 'abc', cursor: 3}, bs + bs + bs + bs)).toEqual({text: '', cursor: 0, submitted: false});
		expect(editField({text: '', cursor: 0}, `ab${del}cd${bs}`)).toEqual({text: 'ac', cursor: 2, submitted: false});
		expect(editField({text: 'x', cursor: 1}, `yz\rmore`)).toEqual({text: 'xyz', cursor: 3, submitted: true});
	});

	it('ctrl-u clears the field, ctrl-w deletes the word before the cursor', () => {
		expect(editField({text: 'some words', cursor: 10}, ctrlU)).toEqual({text: '', cursor: 0, submitted: false});
		expect(editField({text: 'some words  ', cursor: 12}, ctrlW).text).toBe('some ');
		expect(editField({text: 'some words', cursor: 10}, ctrlW + ctrlW).text).toBe('');
		expect(editField({text: 'one two three', cursor: 7}, ctrlW)).toEqual({text: 'one  three', cursor: 4, submitted: false});
	});

	it('deletes at the cursor, a surrogate pair as one character, and drops other control characters', () => {
		expect(editField({text: 'abcd', cursor: 2}, del)).toEqual({text: 'acd', cursor: 1, submitted: false});
		expect(editField({text: 'a😀', cursor: 3}, del)).toEqual({text: 'a', cursor: 1, submitted: false});
		expect(editField({text: '', cursor: 0}, 'a\u0001\u001Bb')).toEqual({text: 'ab', cursor: 2, submitted: false});
		expect(editField({text: '12', cursor: 2}, 'x3', text => text.replaceAll(/\D/g, '')).text).toBe('123');
	});
});

describe('text fields on the review screen', () => {
	it('search: two backspaces in one chunk delete two characters', async () => {
		const {type, frame} = await screen();
		await type('/', 'abc');
		expect(frame()).toContain('search: abc');
		await type(del + del);
		expect(frame()).toMatch(/search: a(?!b)/);
		await type(bs + bs + 'xy');
		expect(frame()).toMatch(/search: xy/);
	});

	it('note: zero-width and tag characters typed or pasted are shown as placeholders, as in samples, and saved as typed', async () => {
		const {type, frame, store} = await screen();
		await type('c', 'a\u200Bb\u{E0041}c');
		expect(frame()).not.toMatch(/[\u200B\u{E0041}]/u);
		expect(frame()).toMatch(/note: a⟨U\+200B⟩b⟨U\+E0041⟩c/);
		await type('\r');
		expect(store.get('s1', 'tester')?.note).toBe('a\u200Bb\u{E0041}c');
	});

	it('note: twenty backspaces, in chunks and one by one, delete twenty characters', async () => {
		const {type, frame, store} = await screen();
		await type('c', 'abcdefghijklmnopqrstuvwxyz');
		await type(del.repeat(7), del, del.repeat(5), del, del, del.repeat(4), del);
		expect(frame()).toMatch(/note: abcdef(?!g)/);
		await type('\r');
		expect(store.get('s1', 'tester')?.note).toBe('abcdef');
	});

	it('ctrl-u clears a field and ctrl-w deletes the previous word instead of typing u or w', async () => {
		const {type, frame} = await screen();
		await type('/', 'hello big world');
		await type(ctrlW);
		expect(frame()).toMatch(/search: hello big(?! ?w)/);
		await type(ctrlU);
		expect(frame()).toContain('search: text to find');
		expect(frame()).not.toMatch(/search: u/);
		await type('again', ctrlW + 'new');
		expect(frame()).toMatch(/search: new/);
	});

	it('go to: backspaces in a chunk, then the number typed fast with its enter', async () => {
		const {type, frame} = await screen();
		await type(':', '123', del + del, '\r');
		expect(frame()).toContain('question 1');
		await type(':', '45', bs + bs + '3\r');
		expect(frame()).toContain('question 3');
	});

	it('the bias picker\'s note: a chunk of backspaces and ctrl-w', async () => {
		const {type, frame, store} = await screen();
		await type('b', '2', '\t', 'too young to', del + del + del);
		expect(frame()).toMatch(/note: too young(?! t)/);
		await type(ctrlW, 'old\r');
		expect(store.get('s1', 'tester')).toMatchObject({verdict: 'flagged', categories: ['disability'], note: 'too old'});
	});

	it('keys typed right after opening a field in one chunk, backspaces included, are its text', async () => {
		const {type, frame, until} = await screen(chatLines(8, i => (i === 4 ? 'needle here' : `hay ${i + 1}`)));
		await type(`/neex${del}dle\r`);
		await until(() => frame().includes('needle here'), 'the match on screen');
		expect(frame()).toContain('needle here');
	});

	it('on the review screen a chunk of backspaces still undoes once per backspace', async () => {
		const {type, frame, store} = await screen();
		await type('a', 'a', 'a');
		expect(frame()).toContain('question 4');
		await type(del + del);
		expect(frame()).toContain('question 2');
		expect(store.get('s1', 'tester')?.verdict).toBe('accepted');
		expect(store.get('s2', 'tester')?.verdict).toBeNull();
	});
});
