// Reasons that print a count agree with it ("1 character"), and a word loop's reason says what repeats.
import {describe, expect, test} from 'vitest';
import {defaultSignalConfig, sampleSignals, sampleText} from '../source/dataset/signals/index.js';
import {lengthReason} from '../source/dataset/signals/length-outlier.js';

const stats = {median: Math.log1p(400), mad: 0.5, samples: 100};

test('length-outlier: 1 character, 2 characters', () => {
	expect(lengthReason(1, stats)).toMatch(/^length-outlier: the response is 1 character, /);
	expect(lengthReason(2, stats)).toMatch(/^length-outlier: the response is 2 characters, /);
	expect(lengthReason(4000, stats)).toMatch(/^length-outlier: the response is 4,000 characters, 10× the median of 400/);
});

describe('repetition names the words a loop repeats', () => {
	const repetition = sampleSignals.find(signal => signal.name === 'repetition')!.make(defaultSignalConfig);
	const reason = (answer: string) => repetition(sampleText({messages: [{role: 'user', content: 'Describe the ocean.'}, {role: 'assistant', content: answer}]}));

	test('one word stuttered: the word and how many times', () => {
		expect(reason(`The ocean is ${'big, '.repeat(40)}and deep.`)).toBe('repetition: one word repeated 40 times in a row: "big"');
	});

	test('a few words over and over', () => {
		expect(reason(`The answer is ${'la di '.repeat(30)}done.`)).toBe('repetition: 2 words repeated 30 times in a row: "la di"');
		expect(reason(`Well, ${'I think that '.repeat(20)}it is fine.`)).toBe('repetition: 3 words repeated 20 times in a row: "I think that"');
	});

	test('a loop of whole sentences keeps the rule\'s reason', () => {
		expect(reason('The cat sat on the mat and looked out of the window. '.repeat(8))).toMatch(/^repetition: \d+% of the response is repeated \d+-word runs$/);
	});
});
