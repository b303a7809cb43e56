import {describe, expect, test} from 'vitest';
import fc from 'fast-check';
import {numbersAsWritten} from '../source/dataset/formats/numbers-as-written.js';
import {
	detectFormat, renderSample, FORMATS, FORMAT_LABELS, type Block, type RenderedSample,
} from '../source/dataset/formats/index.js';

function labels(rendered: RenderedSample): string[] {
	return rendered.blocks.map(block => block.label);
}

function block(rendered: RenderedSample, label: string): Block {
	const found = rendered.blocks.find(candidate => candidate.label === label);
	if (found === undefined) {
		throw new Error(`no block "${label}" in ${JSON.stringify(labels(rendered))}`);
	}

	return found;
}

function metadata(rendered: RenderedSample): Record<string, string> {
	return Object.fromEntries(rendered.metadata.map(({key, value}) => [key, value]));
}

function expectJsonFallback(value: unknown) {
	const rendered = renderSample(value);
	expect(detectFormat(value)).toBe('json');
	expect(rendered.format).toBe('json');
	expect(rendered.formatLabel).toBe('JSON');
	expect(rendered.blocks).toEqual([{label: 'JSON', text: JSON.stringify(value, null, 2), tone: 'json'}]);
	expect(rendered.metadata).toEqual([]);
}

const weatherTool = {
	type: 'function',
	function: {
		name: 'get_weather',
		description: 'Get the current weather for a city.\nMore details here.',
		parameters: {
			type: 'object',
			properties: {city: {type: 'string'}, unit: {type: 'string', enum: ['c', 'f']}, days: {type: 'array', items: {type: 'integer'}}},
			required: ['city'],
		},
	},
};

describe('chat', () => {
	test('one block per message, labelled and toned by role', () => {
		const rendered = renderSample({messages: [
			{role: 'system', content: 'Be brief.'},
			{role: 'user', content: 'Hi'},
			{role: 'assistant', content: 'Hello.'},
			{role: 'developer', content: 'dev'},
			{role: 'narrator', content: 'odd role'},
		]});
		expect(rendered.format).toBe('chat');
		expect(rendered.formatLabel).toBe('chat');
		expect(rendered.blocks).toEqual([
			{label: 'system', text: 'Be brief.', tone: 'system'},
			{label: 'user', text: 'Hi', tone: 'user'},
			{label: 'assistant', text: 'Hello.', tone: 'assistant'},
			{label: 'developer', text: 'dev', tone: 'system'},
			{label: 'narrator', text: 'odd role', tone: 'field'},
		]);
		expect(rendered.metadata).toEqual([]);
	});

	test('content given as a list of parts, with images', () => {
		const rendered = renderSample({messages: [{role: 'user', content: [
			{type: 'text', text: 'What is in this picture?'},
			{type: 'image_url', image_url: {url: 'https://example.com/cat.png'}},
			{type: 'image_url', image_url: {url: `data:image/png;base64,${'A'.repeat(5000)}`}},
			'a bare string part',
			{type: 'input_audio', input_audio: {data: 'xxx'}},
		]}]});
		expect(block(rendered, 'user').text).toBe([
			'What is in this picture?',
			'[image: https://example.com/cat.png]',
			'[image: data:image/png;base64,… (5022 chars)]',
			'a bare string part',
			'[audio]',
		].join('\n'));
	});

	test('content null, missing or only white space shows as (empty)', () => {
		const rendered = renderSample({messages: [{role: 'user', content: 'Hi'}, {role: 'assistant', content: null}, {role: 'assistant'}, {role: 'assistant', content: ' \n\t '}]});
		expect(rendered.blocks.slice(1)).toEqual([
			{label: 'assistant', text: '(empty)', tone: 'assistant'},
			{label: 'assistant', text: '(empty)', tone: 'assistant'},
			{label: 'assistant', text: '(empty)', tone: 'assistant'},
		]);
	});

	test('assistant tool calls show function name and pretty arguments; tool replies show name and call id', () => {
		const rendered = renderSample({messages: [
			{role: 'user', content: 'Weather in Paris?'},
			{role: 'assistant', content: null, tool_calls: [
				{id: 'call_1', type: 'function', function: {name: 'get_weather', arguments: '{"city":"Paris","unit":"c"}'}},
				{id: 'call_2', type: 'function', function: {name: 'get_time', arguments: 'not json {'}},
				{type: 'function', function: {name: 'no_args'}},
			]},
			{role: 'tool', tool_call_id: 'call_1', name: 'get_weather', content: '{"temp":21}'},
			{role: 'tool', tool_call_id: 'call_2', content: 'noon'},
			{role: 'assistant', content: 'It is 21 °C.'},
		]});
		expect(rendered.blocks).toEqual([
			{label: 'user', text: 'Weather in Paris?', tone: 'user'},
			{label: 'assistant → get_weather (call_1)', text: '{\n  "city": "Paris",\n  "unit": "c"\n}', tone: 'assistant'},
			{label: 'assistant → get_time (call_2)', text: 'not json {', tone: 'assistant'},
			{label: 'assistant → no_args', text: '', tone: 'assistant'},
			{label: 'tool (get_weather, call_1)', text: '{\n  "temp": 21\n}', tone: 'tool'},
			{label: 'tool (call_2)', text: 'noon', tone: 'tool'},
			{label: 'assistant', text: 'It is 21 °C.', tone: 'assistant'},
		]);
	});

	test('an assistant turn with both text and tool calls shows both', () => {
		const rendered = renderSample({messages: [{role: 'assistant', content: 'Let me check.', tool_calls: [
			{id: 'c', function: {name: 'lookup', arguments: {q: 'x'}}},
		]}]});
		expect(labels(rendered)).toEqual(['assistant', 'assistant → lookup (c)']);
		expect(rendered.blocks[1].text).toBe('{\n  "q": "x"\n}');
	});

	test('legacy function_call and function role', () => {
		const rendered = renderSample({messages: [
			{role: 'assistant', content: null, function_call: {name: 'search', arguments: '{"q":"cats"}'}},
			{role: 'function', name: 'search', content: 'results'},
		]});
		expect(rendered.blocks).toEqual([
			{label: 'assistant → search', text: '{\n  "q": "cats"\n}', tone: 'assistant'},
			{label: 'function (search)', text: 'results', tone: 'tool'},
		]);
	});

	test('speaker names, weights and reasoning', () => {
		const rendered = renderSample({messages: [
			{role: 'user', name: 'alice', content: 'Hi'},
			{role: 'assistant', weight: 0, content: 'Bad answer'},
			{role: 'assistant', reasoning_content: 'Think first.', content: 'Answer'},
		]});
		expect(labels(rendered)).toEqual(['user (alice)', 'assistant (weight 0)', 'assistant · reasoning', 'assistant']);
		expect(block(rendered, 'assistant · reasoning').text).toBe('Think first.');
	});

	test('a tools list, given as an array or as a JSON string, is one compact block first', () => {
		for (const tools of [[weatherTool], JSON.stringify([weatherTool])]) {
			const rendered = renderSample({messages: [{role: 'user', content: 'Hi'}], tools});
			expect(rendered.blocks[0]).toEqual({
				label: 'tools (1)',
				text: 'get_weather(city: string, unit?: "c"|"f", days?: integer[]) — Get the current weather for a city.',
				tone: 'tool',
			});
			expect(metadata(rendered)).toEqual({});
		}
	});

	test('tools in the bare {name, description, parameters} form, and odd entries', () => {
		const rendered = renderSample({messages: [{role: 'user', content: 'Hi'}], tools: [
			{name: 'ping', parameters: {type: 'object', properties: {host: {type: ['string', 'null']}}, required: ['host']}},
			{type: 'code_interpreter'},
			42,
		]});
		expect(block(rendered, 'tools (3)').text).toBe('ping(host: string|null)\ncode_interpreter()\n42');
	});

	test('unusable tools stay in the metadata', () => {
		const rendered = renderSample({messages: [{role: 'user', content: 'Hi'}], tools: 'not json'});
		expect(labels(rendered)).toEqual(['user']);
		expect(metadata(rendered)).toEqual({tools: 'not json'});
	});

	test('a top-level system prompt comes first', () => {
		const rendered = renderSample({system: 'You are terse.', messages: [{role: 'user', content: 'Hi'}]});
		expect(rendered.blocks[0]).toEqual({label: 'system', text: 'You are terse.', tone: 'system'});
	});

	test('role/content items under "conversations" are chat too', () => {
		expect(detectFormat({conversations: [{role: 'user', content: 'Hi'}]})).toBe('chat');
	});
});

describe('ShareGPT', () => {
	test('maps speakers to labels and tones', () => {
		const rendered = renderSample({id: 'sg-1', conversations: [
			{from: 'system', value: 'Be kind.'},
			{from: 'human', value: 'Hi'},
			{from: 'gpt', value: 'Hello!'},
			{from: 'function_call', value: '{"name":"lookup","arguments":{"q":"x"}}'},
			{from: 'observation', value: '{"result":1}'},
			{from: 'tool', value: 'plain tool text'},
			{from: 'critic', value: 'unknown speaker'},
		]});
		expect(rendered.format).toBe('sharegpt');
		expect(rendered.formatLabel).toBe('ShareGPT');
		expect(rendered.blocks).toEqual([
			{label: 'system', text: 'Be kind.', tone: 'system'},
			{label: 'user', text: 'Hi', tone: 'user'},
			{label: 'assistant', text: 'Hello!', tone: 'assistant'},
			{label: 'assistant → lookup', text: '{\n  "q": "x"\n}', tone: 'assistant'},
			{label: 'tool', text: '{\n  "result": 1\n}', tone: 'tool'},
			{label: 'tool', text: 'plain tool text', tone: 'tool'},
			{label: 'critic', text: 'unknown speaker', tone: 'field'},
		]);
		expect(rendered.metadata).toEqual([{key: 'id', value: 'sg-1'}]);
	});

	test('top-level system and tools (as a JSON string), as LLaMA-Factory writes them', () => {
		const rendered = renderSample({
			conversations: [{from: 'human', value: 'Hi'}],
			system: 'sys',
			tools: JSON.stringify([{name: 'f', description: 'does f', parameters: {type: 'object', properties: {}}}]),
		});
		expect(rendered.blocks).toEqual([
			{label: 'system', text: 'sys', tone: 'system'},
			{label: 'tools (1)', text: 'f() — does f', tone: 'tool'},
			{label: 'user', text: 'Hi', tone: 'user'},
		]);
	});

	test('from/value items under "messages" are ShareGPT', () => {
		expect(detectFormat({messages: [{from: 'human', value: 'Hi'}]})).toBe('sharegpt');
	});

	test('a speaker named like an Object.prototype property is just an unknown speaker', () => {
		const rendered = renderSample(JSON.parse('{"conversations":[{"from":"constructor","value":"x"},{"from":"__proto__","value":"y"}]}'));
		expect(rendered.blocks.map(({label, tone}) => [label, tone])).toEqual([['constructor', 'field'], ['__proto__', 'field']]);
	});
});

describe('Alpaca', () => {
	test('instruction, input and output', () => {
		const rendered = renderSample({instruction: 'Translate.', input: 'Bonjour', output: 'Hello', model: 'gen-1'});
		expect(rendered.format).toBe('alpaca');
		expect(rendered.formatLabel).toBe('Alpaca');
		expect(rendered.blocks).toEqual([
			{label: 'instruction', text: 'Translate.', tone: 'prompt'},
			{label: 'input', text: 'Bonjour', tone: 'prompt'},
			{label: 'output', text: 'Hello', tone: 'completion'},
		]);
		expect(rendered.metadata).toEqual([{key: 'model', value: 'gen-1'}]);
	});

	test('an empty input is left out', () => {
		expect(labels(renderSample({instruction: 'Say hi.', input: '', output: 'Hi'}))).toEqual(['instruction', 'output']);
	});

	test('response instead of output; context instead of input', () => {
		const rendered = renderSample({instruction: 'Summarise.', context: 'Long text', response: 'Short', category: 'summarization'});
		expect(rendered.format).toBe('alpaca');
		expect(labels(rendered)).toEqual(['instruction', 'context', 'response']);
		expect(metadata(rendered)).toEqual({category: 'summarization'});
	});

	test('system and history', () => {
		const rendered = renderSample({system: 's', instruction: 'q2', output: 'a2', history: [['q1', 'a1']]});
		expect(rendered.blocks.map(({label, text}) => `${label}:${text}`)).toEqual(['system:s', 'user:q1', 'assistant:a1', 'instruction:q2', 'output:a2']);
	});

	test('a non-string input is shown as JSON', () => {
		expect(block(renderSample({instruction: 'i', input: {a: 1}, output: 'o'}), 'input').text).toBe('{\n  "a": 1\n}');
	});
});

describe('prompt/completion, question/answer, text', () => {
	test('prompt/completion', () => {
		const rendered = renderSample({prompt: 'Once upon a time', completion: ' there was a fox.', temperature: 0.7});
		expect(rendered.format).toBe('prompt-completion');
		expect(rendered.formatLabel).toBe('prompt/completion');
		expect(rendered.blocks).toEqual([
			{label: 'prompt', text: 'Once upon a time', tone: 'prompt'},
			{label: 'completion', text: ' there was a fox.', tone: 'completion'},
		]);
		expect(rendered.metadata).toEqual([{key: 'temperature', value: '0.7'}]);
	});

	test('prompt with the answer under "response" or "output" (as generators write it)', () => {
		for (const key of ['response', 'output']) {
			const rendered = renderSample({prompt: 'Name a prime.', [key]: 'As an AI language model, I cannot help with that.', model: 'm'});
			expect(rendered.format).toBe('prompt-completion');
			expect(rendered.blocks).toEqual([
				{label: 'prompt', text: 'Name a prime.', tone: 'prompt'},
				{label: key, text: 'As an AI language model, I cannot help with that.', tone: 'completion'},
			]);
			expect(rendered.metadata).toEqual([{key: 'model', value: 'm'}]);
		}
	});

	test('conversational prompt/completion', () => {
		const rendered = renderSample({prompt: [{role: 'user', content: 'Hi'}], completion: [{role: 'assistant', content: 'Hello'}]});
		expect(rendered.format).toBe('prompt-completion');
		expect(rendered.blocks.map(({label, tone}) => [label, tone])).toEqual([['user', 'user'], ['assistant', 'assistant']]);
	});

	test('question/answer', () => {
		const rendered = renderSample({question: 'Why is the sky blue?', answer: 'Rayleigh scattering.'});
		expect(rendered.format).toBe('question-answer');
		expect(rendered.formatLabel).toBe('question/answer');
		expect(rendered.blocks).toEqual([
			{label: 'question', text: 'Why is the sky blue?', tone: 'prompt'},
			{label: 'answer', text: 'Rayleigh scattering.', tone: 'completion'},
		]);
	});

	test('plain text', () => {
		const rendered = renderSample({text: 'Some pretraining text.', source: 'web'});
		expect(rendered.format).toBe('text');
		expect(rendered.formatLabel).toBe('text');
		expect(rendered.blocks).toEqual([{label: 'text', text: 'Some pretraining text.', tone: 'completion'}]);
		expect(metadata(rendered)).toEqual({source: 'web'});
	});
});

describe('preference pairs', () => {
	test('string prompt, chosen and rejected', () => {
		const rendered = renderSample({prompt: 'Q', chosen: 'good', rejected: 'bad', score_chosen: 9, score_rejected: 3});
		expect(rendered.format).toBe('preference');
		expect(rendered.formatLabel).toBe('preference pair');
		expect(rendered.blocks).toEqual([
			{label: 'prompt', text: 'Q', tone: 'prompt'},
			{label: 'chosen', text: 'good', tone: 'chosen'},
			{label: 'rejected', text: 'bad', tone: 'rejected'},
		]);
		expect(metadata(rendered)).toEqual({score_chosen: '9', score_rejected: '3'});
	});

	test('chat-form answers without a prompt: the shared opening is shown once', () => {
		const rendered = renderSample({
			chosen: [{role: 'user', content: 'Hi'}, {role: 'assistant', content: 'Hello!'}],
			rejected: [{role: 'user', content: 'Hi'}, {role: 'assistant', content: 'Go away.'}],
		});
		expect(rendered.blocks).toEqual([
			{label: 'user', text: 'Hi', tone: 'user'},
			{label: 'chosen · assistant', text: 'Hello!', tone: 'chosen'},
			{label: 'rejected · assistant', text: 'Go away.', tone: 'rejected'},
		]);
	});

	test('chat-form answers that repeat a string prompt show it once', () => {
		const rendered = renderSample({
			prompt: 'Hi',
			chosen: [{role: 'user', content: 'Hi'}, {role: 'assistant', content: 'Hello!'}],
			rejected: [{role: 'user', content: 'Hi'}, {role: 'assistant', content: 'Go away.'}],
		});
		expect(labels(rendered)).toEqual(['user', 'chosen · assistant', 'rejected · assistant']);
	});

	test('a chat-list prompt with chat-list answers', () => {
		const rendered = renderSample({
			prompt: [{role: 'system', content: 's'}, {role: 'user', content: 'Hi'}],
			chosen: [{role: 'assistant', content: 'Hello!'}],
			rejected: [{role: 'assistant', content: 'Go away.'}],
		});
		expect(labels(rendered)).toEqual(['system', 'user', 'chosen · assistant', 'rejected · assistant']);
	});

	test('identical answers keep their own final message each', () => {
		const same = [{role: 'user', content: 'Hi'}, {role: 'assistant', content: 'Same'}];
		expect(labels(renderSample({chosen: same, rejected: same}))).toEqual(['user', 'chosen · assistant', 'rejected · assistant']);
	});

	test('system and question, as in Orca DPO pairs', () => {
		const rendered = renderSample({system: 's', question: 'q', chosen: 'c', rejected: 'r'});
		expect(rendered.format).toBe('preference');
		expect(labels(rendered)).toEqual(['system', 'question', 'chosen', 'rejected']);
	});

	test('the fine-tuning API form', () => {
		const rendered = renderSample({
			input: {messages: [{role: 'user', content: 'Hi'}], tools: [weatherTool], parallel_tool_calls: true},
			preferred_output: [{role: 'assistant', content: 'Hello!'}],
			non_preferred_output: [{role: 'assistant', content: 'What.'}],
			id: 'pref-1',
		});
		expect(rendered.format).toBe('preference-api');
		expect(rendered.formatLabel).toBe('preference (fine-tuning API)');
		expect(rendered.blocks.map(({label, tone}) => [label, tone])).toEqual([
			['tools (1)', 'tool'],
			['user', 'user'],
			['preferred · assistant', 'chosen'],
			['non-preferred · assistant', 'rejected'],
		]);
		expect(rendered.metadata).toEqual([{key: 'id', value: 'pref-1'}, {key: 'input.parallel_tool_calls', value: 'true'}]);
	});

	test('the fine-tuning API form with a tool call as the preferred output', () => {
		const rendered = renderSample({
			input: {messages: [{role: 'user', content: 'Weather?'}]},
			preferred_output: [{role: 'assistant', content: null, tool_calls: [{id: 'c1', function: {name: 'get_weather', arguments: '{}'}}]}],
			non_preferred_output: [{role: 'assistant', content: 'No idea.'}],
		});
		expect(labels(rendered)).toEqual(['user', 'preferred · assistant → get_weather (c1)', 'non-preferred · assistant']);
	});
});

describe('KTO', () => {
	test('messages with a boolean label', () => {
		const rendered = renderSample({messages: [{role: 'user', content: 'Hi'}, {role: 'assistant', content: 'Hello'}], label: true});
		expect(rendered.format).toBe('kto');
		expect(rendered.formatLabel).toBe('KTO');
		expect(labels(rendered)).toEqual(['user', 'assistant (label: desirable)']);
		expect(metadata(rendered)).toEqual({label: 'true'});
	});

	test('prompt/completion with a boolean label', () => {
		const rendered = renderSample({prompt: 'Hi', completion: 'Go away', label: false});
		expect(rendered.format).toBe('kto');
		expect(rendered.blocks).toEqual([
			{label: 'prompt', text: 'Hi', tone: 'prompt'},
			{label: 'completion (label: undesirable)', text: 'Go away', tone: 'completion'},
		]);
	});

	test('without an assistant turn the label goes on the last block', () => {
		expect(labels(renderSample({messages: [{role: 'user', content: 'Hi'}], label: true}))).toEqual(['user (label: desirable)']);
	});

	test('a non-boolean label is plain metadata', () => {
		const rendered = renderSample({messages: [{role: 'user', content: 'Hi'}], label: 'good'});
		expect(rendered.format).toBe('chat');
		expect(metadata(rendered)).toEqual({label: 'good'});
	});
});

describe('multi-turn choices', () => {
	test('one choice: its turns, labelled, and a plain word that the question is not in the file', () => {
		const rendered = renderSample({question_id: 81, model_id: 'm', choices: [{index: 0, turns: ['first', 'second']}]});
		expect(rendered.format).toBe('choices');
		expect(rendered.formatLabel).toBe('multi-turn choices');
		expect(rendered.blocks).toEqual([
			{label: 'question', text: 'The question is not in this file (question_id 81): only the answers are.', tone: 'field'},
			{label: 'choice 1 · turn 1', text: 'first', tone: 'assistant'},
			{label: 'choice 1 · turn 2', text: 'second', tone: 'assistant'},
		]);
		expect(metadata(rendered)).toEqual({question_id: '81', model_id: 'm'});
	});

	test('several choices are numbered; odd turns are shown as JSON', () => {
		const rendered = renderSample({choices: [{turns: ['a']}, {turns: [7, null]}]});
		expect(rendered.blocks.map(({label, text}) => `${label}=${text}`)).toEqual([
			'question=The question is not in this file: only the answers are.',
			'choice 1 · turn 1=a',
			'choice 2 · turn 1=7',
			'choice 2 · turn 2=(empty)',
		]);
	});
});

describe('fallback to pretty JSON', () => {
	test.each([
		['an array', [1, 2, 3]],
		['a number', 42],
		['a string', 'just a string'],
		['null', null],
		['a boolean', true],
		['an empty object', {}],
		['an unknown shape', {foo: 'bar', nested: {a: [1, 2]}}],
		['an array of samples', [{instruction: 'a', output: 'b'}]],
	])('%s', (_name, value) => {
		expectJsonFallback(value);
	});
});

describe('wrong-typed fields', () => {
	test.each([
		['messages is a string', {messages: 'Hi'}],
		['messages holds objects without role or from', {messages: [{content: 'Hi'}]}],
		['conversations is an object', {conversations: {from: 'human', value: 'Hi'}}],
		['instruction is a number', {instruction: 1, output: 'x'}],
		['output is a number', {instruction: 'x', output: 1}],
		['completion is a number', {prompt: 'x', completion: 1}],
		['answer is a number', {question: 'x', answer: 1}],
		['text is a number', {text: 5}],
		['chosen is a number', {prompt: 'x', chosen: 1, rejected: 'r'}],
		['rejected is missing', {prompt: 'x', chosen: 'c'}],
		['chosen is a list of strings', {chosen: ['a'], rejected: ['b']}],
		['choices without turns or messages', {choices: [{index: 0}]}],
		['choices is empty', {choices: []}],
		['turns is a string', {choices: [{turns: 'x'}]}],
		['every turns list is empty', {choices: [{turns: []}]}],
		['input.messages is not a list', {input: {messages: 'x'}, preferred_output: [], non_preferred_output: []}],
	])('%s: pretty JSON', (_name, value) => {
		expectJsonFallback(value);
	});

	test('a message that is not an object, or has no role', () => {
		const rendered = renderSample({messages: [{role: 'user', content: 'Hi'}, 'stray', null, {content: 'no role'}, {role: 7, content: 'x'}]});
		expect(rendered.format).toBe('chat');
		expect(rendered.blocks.slice(1)).toEqual([
			{label: '?', text: '"stray"', tone: 'field'},
			{label: '?', text: 'null', tone: 'field'},
			{label: '?', text: 'no role', tone: 'field'},
			{label: '?', text: 'x', tone: 'field'},
		]);
	});

	test('content of the wrong type is shown as JSON', () => {
		const rendered = renderSample({messages: [
			{role: 'user', content: 42},
			{role: 'assistant', content: {unexpected: true}},
			{role: 'assistant', content: [{type: 'mystery', data: 1}, 5]},
		]});
		expect(rendered.blocks.map(({text}) => text)).toEqual(['42', '{"unexpected":true}', '{"type":"mystery","data":1}\n5']);
	});

	test('tool_calls of the wrong type', () => {
		const rendered = renderSample({messages: [
			{role: 'assistant', content: 'x', tool_calls: 'nope'},
			{role: 'assistant', content: null, tool_calls: ['odd', {function: 'str'}, {function: {name: 5, arguments: [1]}}]},
		]});
		expect(rendered.blocks).toEqual([
			{label: 'assistant', text: 'x', tone: 'assistant'},
			{label: 'assistant → tool call', text: '"odd"', tone: 'assistant'},
			{label: 'assistant → ?', text: '', tone: 'assistant'},
			{label: 'assistant → ?', text: '[\n  1\n]', tone: 'assistant'},
		]);
	});

	test('ShareGPT values of the wrong type', () => {
		const rendered = renderSample({conversations: [{from: 'human', value: 3}, {from: 'gpt'}, 'x']});
		expect(rendered.blocks).toEqual([
			{label: 'user', text: '3', tone: 'user'},
			{label: 'assistant', text: '(empty)', tone: 'assistant'},
			{label: '?', text: '"x"', tone: 'field'},
		]);
	});

	test('odd tool schemas never throw', () => {
		const rendered = renderSample({messages: [{role: 'user', content: 'x'}], tools: [
			{type: 'function', function: {name: 'a', parameters: {properties: {p: {type: [{toString: 1}]}, q: null}, required: 'p'}}},
			{function: {name: 'b', description: 5, parameters: 'x'}},
		]});
		expect(block(rendered, 'tools (2)').text).toBe('a(p?: {"toString":1}, q?: any)\nb()');
	});
});

describe('metadata', () => {
	test('id first, then the other fields in order; strings unquoted, the rest compact JSON', () => {
		const rendered = renderSample({
			model: 'gen-7b',
			temperature: 0.9,
			messages: [{role: 'user', content: 'Hi'}],
			id: 'demo-001',
			safe: true,
			nothing: null,
			scores: {helpfulness: 4, harmlessness: 5},
		});
		expect(rendered.metadata).toEqual([
			{key: 'id', value: 'demo-001'},
			{key: 'model', value: 'gen-7b'},
			{key: 'temperature', value: '0.9'},
			{key: 'safe', value: 'true'},
			{key: 'nothing', value: 'null'},
			{key: 'scores', value: '{"helpfulness":4,"harmlessness":5}', full: '{\n  "helpfulness": 4,\n  "harmlessness": 5\n}'},
		]);
	});

	test('a numeric id is JSON', () => {
		expect(renderSample({id: 17, text: 'x'}).metadata).toEqual([{key: 'id', value: '17'}]);
	});

	test('long values are cut to about 200 characters', () => {
		const rendered = renderSample({text: 'x', big: {list: Array.from({length: 500}, (_, i) => i)}, long: 'y'.repeat(1000)});
		for (const {value} of rendered.metadata) {
			expect(value.length).toBeLessThanOrEqual(200);
			expect(value.endsWith('…')).toBe(true);
		}
	});

	test('cutting never splits an emoji', () => {
		const value = renderSample({text: 'x', note: `${'a'.repeat(198)}😀😀`}).metadata[0].value;
		expect(value).toBe(`${'a'.repeat(198)}…`);
		expect(value.toWellFormed()).toBe(value);
	});

	test('metadata values keep raw text: sanitising is the UI\'s job', () => {
		expect(renderSample({text: 'x', model: 'a\u001B[31mb'}).metadata).toEqual([{key: 'model', value: 'a\u001B[31mb'}]);
	});
});

describe('detectFormat and renderSample agree, and never throw', () => {
	test('every format has a label', () => {
		for (const format of FORMATS) {
			expect(FORMAT_LABELS[format]).toBeTruthy();
		}
	});

	const message = fc.record({
		role: fc.oneof(fc.constantFrom('system', 'user', 'assistant', 'tool'), fc.jsonValue()),
		content: fc.oneof(fc.string(), fc.constant(null), fc.array(fc.jsonValue(), {maxLength: 3}), fc.jsonValue()),
		tool_calls: fc.jsonValue(),
		from: fc.oneof(fc.constantFrom('human', 'gpt', 'observation'), fc.jsonValue()),
		value: fc.jsonValue(),
	}, {requiredKeys: []});
	const chat = fc.array(fc.oneof(message, fc.jsonValue()), {maxLength: 4});
	const field = fc.oneof(fc.string(), chat, fc.jsonValue(), fc.boolean());
	const templatePiece = fc.constantFrom(
		'<|im_start|>', 'user\n', 'assistant', '<|im_end|>', '<|endoftext|>', '[INST]', '[/INST]', '<<SYS>>', '<</SYS>>', '</s>', '<s>',
		'### Instruction:', '### Input:', '### Response:', '### Human:', '### Assistant:', 'USER: ', 'ASSISTANT: ', 'SYSTEM: ',
		'\n\nHuman: ', '\n\nAssistant: ', '<|begin_of_text|>', '<|start_header_id|>', '<|end_header_id|>', '<|eot_id|>', 'hi', ' ', '\n',
	);
	const templated = fc.array(templatePiece, {maxLength: 14}).map(pieces => pieces.join(''));
	const exchanges = fc.array(fc.record({input: field, output: field, user: field, assistant: field}, {requiredKeys: []}), {maxLength: 3});
	const sampleLike = fc.record({
		id: field, messages: field, conversations: field, instruction: field, input: fc.oneof(field, fc.record({messages: chat})),
		output: field, response: field, prompt: fc.oneof(field, templated), completion: fc.oneof(field, templated), question: field, answer: field, text: fc.oneof(field, templated),
		data: fc.oneof(field, fc.array(fc.string(), {maxLength: 4})), conversation: fc.oneof(field, exchanges), system_prompt: field,
		query: field, problem: field, solution: field, inputs: field, targets: field,
		chosen: field, rejected: field, preferred_output: field, non_preferred_output: field, label: field,
		choices: fc.oneof(field, fc.array(fc.record({turns: fc.oneof(fc.array(fc.jsonValue()), fc.jsonValue())}))),
		tools: field, system: field, history: field,
	}, {requiredKeys: []});

	test('for sample-like objects and any JSON', () => {
		fc.assert(fc.property(fc.oneof(sampleLike, fc.jsonValue()), value => {
			const rendered = renderSample(value);
			expect(rendered.format).toBe(detectFormat(value));
			// A format with variants names the variant after its label: "templated text (ChatML)".
			expect(rendered.formatLabel.startsWith(FORMAT_LABELS[rendered.format])).toBe(true);
			expect(rendered.blocks.length).toBeGreaterThan(0);
			// Every block's and metadata row's fields are strings: the ones that are not, listed (one expect
			// per field was half this test's time).
			expect(rendered.blocks.filter(({label, text, tone}) => typeof label !== 'string' || typeof text !== 'string' || typeof tone !== 'string')).toEqual([]);
			expect(rendered.metadata.filter(({key, value}) => typeof key !== 'string' || typeof value !== 'string')).toEqual([]);
		}), {numRuns: 3000});
	});

	test('for absurdly deep nesting', () => {
		const deep = JSON.parse(`${'['.repeat(20_000)}${']'.repeat(20_000)}`) as unknown;
		expect(renderSample(deep).format).toBe('json');
		expect(renderSample({messages: [{role: 'user', content: deep}]}).format).toBe('chat');
	});
});

describe('numbers as the line writes them', () => {
	test('finds, by path, the numbers JSON.stringify would write otherwise, and nothing inside strings', () => {
		const line = '{"t":1.0,"s":"x 2.50 \\" 3.0","a":[1, 2.0, {"b\\"c":-0, "d":1E3}],"n":{"k":7,"big":12345678901234567890,"ok":0.5},"k.dot":3.10}';
		expect(Object.fromEntries(numbersAsWritten(line) ?? [])).toEqual({'t': '1.0', 'a[1]': '2.0', 'a[2].b"c': '-0', 'a[2].d': '1E3', 'n.big': '12345678901234567890', 'k.dot': '3.10'});
		expect(numbersAsWritten('{"t":1,"u":0.5,"d":"2024-01-05"}')).toBeUndefined();
		// JSON.stringify's own text has no number it would write otherwise, however the values nest.
		fc.assert(fc.property(fc.dictionary(fc.string(), fc.jsonValue()), value => {
			expect(numbersAsWritten(JSON.stringify(value))).toBeUndefined();
		}), {numRuns: 500});
	});
});
