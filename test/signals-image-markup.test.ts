// special-token and a multimodal dataset's own markup: image placeholders in a user turn are where the
// image goes, not a leak; ignoreTokens leaves configured tokens alone; addTokens and tokens are known.
import {describe, expect, it} from 'vitest';
import {defaultSignalConfig, resolveSignalConfig, sampleSignals, sampleText, type SignalConfig} from '../source/dataset/signals/index.js';

function detect(sample: unknown, config: SignalConfig = defaultSignalConfig): string | undefined {
	return sampleSignals.find(item => item.name === 'special-token')!.make(config)(sampleText(sample));
}

const chat = (user: string, assistant: string) => ({messages: [{role: 'user', content: user}, {role: 'assistant', content: assistant}]});

describe('special-token and image markup', () => {
	it('leaves image placeholders in user turns alone, still flags them in a response', () => {
		expect(detect(chat('<|image_1|>\nWhat is shown in this image?', 'A cat on a table.'))).toBeUndefined();
		expect(detect(chat('<|vision_start|><|image_pad|><|vision_end|>Describe it.', 'A dog.'))).toBeUndefined();
		expect(detect(chat('Describe it.', 'A dog.<|image_pad|>'))).toBe('special-token: "<|image_pad|>" in assistant');
		expect(detect(chat('<|image_1|> Hi<|im_end|>', 'A dog.'))).toBe('special-token: "<|im_end|>" in user');
	});

	it('ignores the tokens of ignoreTokens, exact or with *', () => {
		const config = resolveSignalConfig({specialToken: {ignoreTokens: ['<|my_tag|>', '<|region_*|>']}}, 'winnow.config.json');
		expect(detect(chat('Hi', 'Here <|my_tag|> and <|region_12|>.'), config)).toBeUndefined();
		expect(detect(chat('Hi', 'Here <|other|>.'), config)).toBe('special-token: "<|other|>" in assistant');
	});

	it('names the add forms among the known settings', () => {
		expect(() => resolveSignalConfig({specialToken: {extraTokens: ['x']}}, 'c.json')).toThrow('c.json: signals.specialToken.extraTokens is not a known setting (known: tokens, addTokens, rolePrefixes, addRolePrefixes, ignoreTokens, addIgnoreTokens).');
	});
});
