import {describe, expect, it} from 'vitest';
import {defaultSignalConfig, sampleSignals, sampleText} from '../source/dataset/signals/index.js';

// A reason quotes what the sample says, not the normalised form the phrase was matched in.

const refusal = sampleSignals.find(item => item.name === 'refusal')!.make(defaultSignalConfig);
const answer = (text: string) => refusal(sampleText({messages: [{role: 'user', content: 'Help me, please.'}, {role: 'assistant', content: text}]}));

describe('the refusal reason', () => {
	it('quotes the response\'s own words: its capitals, curly apostrophes and contractions', () => {
		expect(answer('Well… I’m sorry, but I can’t help create malware.')).toBe('refusal: the response says "I’m sorry, but I can’t"');
		expect(answer('I am sorry, but I can not do that.')).toBe('refusal: the response says "I am sorry, but I can not"');
		expect(answer('AS AN AI LANGUAGE MODEL, I have no opinions.')).toBe('refusal: the response says "AS AN AI LANGUAGE MODEL"');
	});

	it('on one line: a line break inside the phrase is a space', () => {
		expect(answer('Sorry.\nAs an AI\nlanguage model I cannot browse.')).toBe('refusal: the response says "As an AI language model"');
	});
});
