import {describe, expect, it} from 'vitest';
import {computeSignals, defaultSignalConfig, sampleSignals, sampleText, type SignalName} from '../source/dataset/signals/index.js';
import {renderSample} from '../source/dataset/formats/index.js';
import {useTempDir, writeFile} from './helpers/temp.js';

// Datasets whose samples are one text with a chat template baked in: the template's own tokens are not
// leaks; a token inside a turn is.

function detect(name: SignalName, sample: unknown): string | undefined {
	return sampleSignals.find(item => item.name === name)!.make(defaultSignalConfig)(sampleText(sample));
}

const chatMl = (answer: string, question = 'What is the boiling point of water at sea level?') =>
	({text: `<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n${question}<|im_end|>\n<|im_start|>assistant\n${answer}<|im_end|>\n`});
const llama2 = (answer: string) => ({text: `<s>[INST] <<SYS>>\nYou are a helpful assistant.\n<</SYS>>\n\nName a prime number. [/INST] ${answer} </s>`});
const llama3 = (answer: string) => ({text: `<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nName a colour.<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n${answer}<|eot_id|>`});
const alpaca = (answer: string) => ({text: `Below is an instruction that describes a task. Write a response that appropriately completes the request.\n\n### Instruction:\nName a river.\n\n### Response:\n${answer}`});
const vicuna = (answer: string) => ({text: `A chat between a curious user and an artificial intelligence assistant. USER: Name a tree. ASSISTANT: ${answer}</s>`});
const hh = (answer: string) => ({text: `\n\nHuman: Name a bird.\n\nAssistant: ${answer}`});
const gemma = (answer: string) => ({text: `<bos><start_of_turn>user\nName a planet.<end_of_turn>\n<start_of_turn>model\n${answer}<end_of_turn>\n`});
const zephyr = (answer: string) => ({text: `<|system|>\nYou are a friendly chatbot.</s>\n<|user|>\nName a lake.</s>\n<|assistant|>\n${answer}</s>\n`});

describe('special-token on templated text', () => {
	it('the template itself is not flagged, in any of the templates', () => {
		for (const template of [chatMl, llama2, llama3, alpaca, vicuna, hh, gemma, zephyr]) {
			expect(detect('special-token', template('A plain, complete answer.')), JSON.stringify(template('x'))).toBeUndefined();
		}
	});

	it('a token leaked inside a turn is flagged, naming the turn', () => {
		expect(detect('special-token', chatMl('It boils at 100 °C.<|im_end|> At altitude it is lower.'))).toBe('special-token: "<|im_end|>" in assistant');
		expect(detect('special-token', {text: '<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\nHello.<|im_end|>\n<|endoftext|>'})).toBe('special-token: "<|endoftext|>" in assistant');
		expect(detect('special-token', llama2('Seven. [/INST] Also eleven.'))).toBe('special-token: "[/INST]" in assistant');
		expect(detect('special-token', llama3('Blue.<|eot_id|>Red.'))).toBe('special-token: "<|eot_id|>" in assistant');
		expect(detect('special-token', alpaca('The Nile.<|endoftext|>'))).toBe('special-token: "<|endoftext|>" in response');
		expect(detect('special-token', hh('A robin. <|im_end|>'))).toBe('special-token: "<|im_end|>" in assistant');
		expect(detect('special-token', gemma('Mars.<end_of_turn> Or Venus.'))).toBe('special-token: "<end_of_turn>" in model');
		expect(detect('special-token', zephyr('Lake Baikal.</s> Or Lake Tahoe.'))).toBe('special-token: "</s>" in assistant');
		expect(detect('special-token', vicuna('An oak.\n### Response: a pine'))).toMatch(/role prefix "### Response:" inside a response/);
	});

	it('a templated prompt with its answer apart: the closing token is structure, one inside the answer is not', () => {
		const prompt = '<|im_start|>user\nName a metal.<|im_end|>\n<|im_start|>assistant\n';
		expect(detect('special-token', {prompt, completion: 'Iron.<|im_end|>\n'})).toBeUndefined();
		expect(detect('special-token', {prompt, chosen: 'Iron.<|im_end|>', rejected: 'Wood.<|im_end|>'})).toBeUndefined();
		expect(detect('special-token', {prompt, completion: 'Iron.<|im_end|> Or tin.<|im_end|>'})).toBe('special-token: "<|im_end|>" in completion');
		expect(detect('special-token', {prompt, chosen: 'Iron.<|im_end|>', rejected: 'Wood.<|im_end|><|endoftext|>'})).toBe('special-token: "<|endoftext|>" in rejected');
	});

	it('on a whole templated dataset: only the samples with a leak', async () => {
		const templates = [chatMl, llama2, llama3, alpaca, vicuna, hh, gemma, zephyr];
		const leaks = ['<|im_end|>', '<|endoftext|>', '</s>', '<|eot_id|>', '[/INST]', '<|im_start|>'];
		const lines: string[] = [];
		const planted = new Set<number>();
		for (let index = 0; index < 240; index++) {
			const template = templates[index % templates.length];
			let answer = `Answer number ${index}: a short, complete sentence about item ${index * 7}.`;
			if (index % 11 === 3) {
				answer = `Answer number ${index}.${leaks[index % leaks.length]} Then more words about item ${index}.`;
				planted.add(index);
			}

			lines.push(JSON.stringify(template(answer)));
		}

		const path = writeFile(useTempDirOnce(), 'templated.jsonl', `${lines.join('\n')}\n`);
		const table = await computeSignals(path, defaultSignalConfig, undefined, {worker: false});
		const flagged = new Set<number>();
		for (let index = 0; index < table.count; index++) if (table.has(index, 'special-token')) flagged.add(index);
		expect([...flagged].sort((a, b) => a - b)).toEqual([...planted].sort((a, b) => a - b));
	});
});

const tempDir = useTempDir();
function useTempDirOnce(): string {
	return tempDir();
}

describe('an empty answer in templated text', () => {
	const emptyAnswers = {
		'ChatML, nothing between the tokens': '<|im_start|>user\nName a fish.<|im_end|>\n<|im_start|>assistant\n<|im_end|>\n',
		'ChatML, a blank line': '<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nName a fish.<|im_end|>\n<|im_start|>assistant\n\n<|im_end|>\n',
		'Llama 3, a space': '<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nName a colour.<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n <|eot_id|>',
		'Gemma, a newline': '<bos><start_of_turn>user\nName a planet.<end_of_turn>\n<start_of_turn>model\n\n<end_of_turn>\n',
		'Llama 2, closed by </s>': '<s>[INST] Name a prime number. [/INST] </s>',
	};

	it('is flagged and shown as (empty): a turn closed by its end token with nothing in it', () => {
		for (const [name, text] of Object.entries(emptyAnswers)) {
			expect(detect('empty', {text}), name).toMatch(/^empty: (?:assistant|model) is (?:empty|only white space)$/);
			const blocks = renderSample({text}).blocks;
			expect(blocks.at(-1)!.text, name).toBe('(empty)');
		}
	});

	it('a prompt left open for the model to complete is not an empty answer', () => {
		for (const text of ['<|im_start|>user\nName a fish.<|im_end|>\n<|im_start|>assistant\n', '<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nName a colour.<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n', '<s>[INST] Name a prime number. [/INST]']) {
			expect(detect('empty', {text}), text).toBeUndefined();
			expect(renderSample({text}).blocks.map(block => block.label), text).not.toContain('assistant');
		}
	});
});
