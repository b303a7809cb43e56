import {describe, expect, it} from 'vitest';
import {clampScroll, findIndex, findWrapping, matchesFilter, nextFilter, toggleCategory} from '../source/review/session.js';
import {splitChunk} from '../source/review/keys.js';

describe('session helpers', () => {
	const decided = new Set([1, 2, 5]);
	const undecided = (i: number) => !decided.has(i);

	it('finds the next and previous matching sample without wrapping', () => {
		expect(findIndex(0, 1, 7, undecided)).toBe(3);
		expect(findIndex(3, -1, 7, undecided)).toBe(0);
		expect(findIndex(6, 1, 7, undecided)).toBeUndefined();
	});

	it('wraps around once and says so', () => {
		expect(findWrapping(6, 1, 7, undecided)).toEqual({index: 0, wrapped: true});
		expect(findWrapping(0, 1, 7, i => i === 0)).toBeUndefined();
	});

	it('cycles filters, with conflicts only when there are some', () => {
		expect(nextFilter('undecided', false)).toBe('all');
		expect(nextFilter('flagged', false)).toBe('undecided');
		expect(nextFilter('flagged', true)).toBe('conflicts');
		expect(matchesFilter('all', 'accepted', false)).toBe(true);
		expect(matchesFilter('undecided', 'accepted', false)).toBe(false);
		expect(matchesFilter('conflicts', 'undecided', true)).toBe(true);
	});

	it('toggles bias categories in list order', () => {
		const order = ['age', 'gender', 'religion'];
		expect(toggleCategory(['religion'], 'age', order)).toEqual(['age', 'religion']);
		expect(toggleCategory(['age', 'religion'], 'age', order)).toEqual(['religion']);
	});

	it('clamps scrolling to the sample', () => {
		expect(clampScroll(-3, 50, 10)).toBe(0);
		expect(clampScroll(45, 50, 10)).toBe(40);
		expect(clampScroll(5, 4, 10)).toBe(0);
	});
});

describe('splitting chunks', () => {
	it('splits a chunk of fast keys into single presses', () => {
		expect(splitChunk('aa\r\u007F').map(p => p.input || Object.keys(p.key)[0])).toEqual(['a', 'a', 'return', 'backspace']);
	});
});
