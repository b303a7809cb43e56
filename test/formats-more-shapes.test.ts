import {describe, expect, test} from 'vitest';
import {renderSample, searchableText, type RenderedSample} from '../source/dataset/formats/index.js';
import {contentKey} from '../source/dataset/signals/duplicate.js';
import {defaultSignalConfig, sampleSignals, sampleText, type SignalName} from '../source/dataset/signals/index.js';

// More public dataset shapes, each with rows written here: HH-RLHF's empty answers, API logs, judged pairs, answer
// sets, rated steps, Anthropic's content parts, Hermes tool calls, reasoning inside answers, turn weights, images.

function shown(rendered: RenderedSample): string[] {
	return rendered.blocks.map(({label, tone, text}) => `${label} [${tone}]: ${text}`);
}

function signal(name: SignalName, sample: unknown): string | undefined {
	return sampleSignals.find(item => item.name === name)!.make(defaultSignalConfig)(sampleText(sample));
}

function signals(sample: unknown): string[] {
	const text = sampleText(sample);
	return sampleSignals.map(item => item.make(defaultSignalConfig)(text)).filter(reason => reason !== undefined);
}

describe('HH-RLHF: an empty last answer', () => {
	const sample = {chosen: '\n\nHuman: Hello there\n\nAssistant: Hi! What can I do for you?', rejected: '\n\nHuman: Hello there\n\nAssistant: '};

	test('the empty answer is shown as one, and is empty', () => {
		expect(shown(renderSample(sample))).toEqual([
			'user [user]: Hello there',
			'chosen · assistant [chosen]: Hi! What can I do for you?',
			'rejected · assistant [rejected]: (empty)',
		]);
		expect(signal('empty', sample)).toBe('empty: rejected · assistant is empty');
		expect(signal('empty', {...sample, rejected: '\n\nHuman: Hello there\n\nAssistant:'})).toBe('empty: rejected · assistant is empty');
	});

	test('a prompt kept apart still drops its open "Assistant:"', () => {
		expect(shown(renderSample({prompt: '\n\nHuman: Hello there\n\nAssistant:', chosen: ' Hi!', rejected: ' Go away.'}))[0]).toBe('user [user]: Hello there');
	});
});

describe('a preference pair whose prompt is its input', () => {
	test('argilla orca_dpo_pairs: system, input, chosen, rejected', () => {
		const rendered = renderSample({system: 'You are helpful.', input: 'Q: Name a prime above 10.\nA:', chosen: '11 is prime.', rejected: 'Twelve.', generations: ['11 is prime.', 'Twelve.']});
		expect(shown(rendered)).toEqual([
			'system [system]: You are helpful.',
			'input [prompt]: Q: Name a prime above 10.\nA:',
			'chosen [chosen]: 11 is prime.',
			'rejected [rejected]: Twelve.',
		]);
		expect(searchableText(rendered)).toContain('Name a prime above 10');
	});

	test('an instruction and its input are both shown', () => {
		expect(shown(renderSample({instruction: 'Translate to French.', input: 'Good morning', chosen: 'Bonjour', rejected: 'Hola'})).slice(0, 2)).toEqual([
			'instruction [prompt]: Translate to French.',
			'input [prompt]: Good morning',
		]);
	});
});

describe('API logs', () => {
	const log = {
		custom_id: 'r1',
		request: {model: 'm', temperature: 0, messages: [{role: 'system', content: 'Be brief.'}, {role: 'user', content: 'Describe a lake.'}]},
		response: {id: 'c1', model: 'm-1', choices: [{index: 0, message: {role: 'assistant', content: 'A lake is a body of water that'}, finish_reason: 'length'}], usage: {total_tokens: 9}},
	};

	test('a chat-completion log: the request\'s turns and the answer, stopped at its length', () => {
		const rendered = renderSample(log);
		expect(rendered.format).toBe('api-log');
		expect(shown(rendered)).toEqual([
			'system [system]: Be brief.',
			'user [user]: Describe a lake.',
			'assistant (stopped: length) [assistant]: A lake is a body of water that',
		]);
		expect(rendered.metadata.map(entry => entry.key)).toEqual(['custom_id', 'request.model', 'request.temperature', 'response.id', 'response.model', 'response.usage']);
		expect(signal('truncated', log)).toBe('truncated: the generation stopped at its length limit (finish_reason "length")');
	});

	test('OpenAI batch output: response.body.choices; a failed line shows its error', () => {
		const output = {id: 'b1', custom_id: 'r1', response: {status_code: 200, body: {choices: [{message: {role: 'assistant', content: 'Paris.'}, finish_reason: 'stop'}, {message: {role: 'assistant', content: 'Lyon.'}, finish_reason: 'length'}]}}, error: null};
		expect(shown(renderSample(output))).toEqual(['choice 1 · assistant [assistant]: Paris.', 'choice 2 · assistant (stopped: length) [assistant]: Lyon.']);
		expect(signal('truncated', output)).toBe('truncated: the generation stopped at its length limit (finish_reason "length")');
		expect(shown(renderSample({id: 'b2', custom_id: 'r2', response: null, error: {code: 'rate_limit', message: 'Too many requests'}}))).toEqual([
			'error [error]: {\n  "code": "rate_limit",\n  "message": "Too many requests"\n}',
		]);
		const input = {custom_id: 'r3', method: 'POST', url: '/v1/chat/completions', body: {model: 'm', messages: [{role: 'user', content: 'Hi there'}]}};
		expect(shown(renderSample(input))).toEqual(['user [user]: Hi there']);
	});

	test('a saved chat.completion object', () => {
		expect(shown(renderSample({id: 'c', object: 'chat.completion', choices: [{message: {role: 'assistant', content: 'Done.'}, finish_reason: 'stop'}]}))).toEqual(['assistant [assistant]: Done.']);
	});
});

describe('a conversation kept as JSON text', () => {
	test('messages holding a JSON string is read as the list it holds', () => {
		const rendered = renderSample({id: 1, messages: JSON.stringify([{role: 'user', content: 'Ping?'}, {role: 'assistant', content: 'Pong.'}])});
		expect(rendered.formatLabel).toBe('chat (messages as JSON text)');
		expect(shown(rendered)).toEqual(['user [user]: Ping?', 'assistant [assistant]: Pong.']);
		expect(renderSample({conversations: JSON.stringify([{from: 'human', value: 'Hey'}])}).formatLabel).toBe('ShareGPT (conversations as JSON text)');
		expect(renderSample({messages: '[not json'}).format).toBe('json');
	});
});

describe('answer sets, judged pairs and other prompt/answer shapes', () => {
	test('TruthfulQA: the best answer, then the right and wrong answers as references', () => {
		expect(shown(renderSample({question: 'Do bats see?', best_answer: 'Yes, bats can see.', correct_answers: ['Yes', 'Bats are not blind'], incorrect_answers: ['No, bats are blind'], category: 'Misconceptions'}))).toEqual([
			'question [prompt]: Do bats see?',
			'best_answer [completion]: Yes, bats can see.',
			'correct_answers [reference]: - Yes\n- Bats are not blind',
			'incorrect_answers [reference]: - No, bats are blind',
		]);
	});

	test('stack-exchange-paired: response_j is the chosen one', () => {
		const rendered = renderSample({qid: 5, question: 'How do I reverse a list?', response_j: 'Use reversed() or slicing.', response_k: 'Search for it.'});
		expect(shown(rendered)).toEqual([
			'question [prompt]: How do I reverse a list?',
			'chosen · response_j [chosen]: Use reversed() or slicing.',
			'rejected · response_k [rejected]: Search for it.',
		]);
	});

	test('a judged pair with one answer null (never written) is still the pair, that answer shown empty', () => {
		const rendered = renderSample({qid: 6, question: 'How do I sort a list?', response_j: 'Use sorted().', response_k: null});
		expect(rendered.formatLabel).toBe('judged pair');
		expect(shown(rendered)).toEqual([
			'question [prompt]: How do I sort a list?',
			'chosen · response_j [chosen]: Use sorted().',
			'rejected · response_k [rejected]: (empty)',
		]);
		const lmArena = renderSample({prompt: 'Hi', response_a: null, response_b: 'Hello!', winner: 'model_b'});
		expect(shown(lmArena)).toEqual(['prompt [prompt]: Hi', 'chosen · response_b [chosen]: Hello!', 'rejected · response_a [rejected]: (empty)']);
		// Both null: nothing of a pair is there.
		expect(renderSample({question: 'Q?', response_j: null, response_k: null}).formatLabel).not.toBe('judged pair');
	});

	test('WebGPT comparisons: the higher score wins; equal scores are a tie', () => {
		const row = {question: {dataset: 'eli5', id: 'q9', full_text: 'Why is the sky blue?'}, answer_0: 'Short.', answer_1: 'Rayleigh scattering favours blue light.', score_0: -1, score_1: 1};
		const rendered = renderSample(row);
		expect(shown(rendered)).toEqual([
			'question [prompt]: Why is the sky blue?',
			'chosen · answer_1 (score 1) [chosen]: Rayleigh scattering favours blue light.',
			'rejected · answer_0 (score -1) [rejected]: Short.',
		]);
		expect(rendered.metadata.map(entry => entry.key)).toEqual(['question.dataset', 'question.id']);
		const tie = renderSample({...row, score_0: 0, score_1: 0});
		expect(tie.formatLabel).toBe('judged pair (tie)');
		expect(tie.blocks.map(block => block.tone)).toEqual(['prompt', 'completion', 'completion']);
	});

	test('ToxicChat, Firefly, the CoT Collection and Super-NaturalInstructions', () => {
		expect(shown(renderSample({conv_id: 'c', user_input: 'Tell me a fact.', model_output: 'Honey never spoils.', toxicity: 0}))).toEqual([
			'user_input [prompt]: Tell me a fact.',
			'model_output [completion]: Honey never spoils.',
		]);
		expect(renderSample({kind: 'Poetry', input: '写一首诗', target: '春眠不觉晓'}).formatLabel).toBe('pair (input/target)');
		const cot = {source: 'Q: 2 apples and 3 more?\nOptions: (A) 5 (B) 6', target: '(A)', rationale: 'We add 2 and 3 and get', task: 'aqua'};
		expect(shown(renderSample(cot))).toEqual([
			'source [prompt]: Q: 2 apples and 3 more?\nOptions: (A) 5 (B) 6',
			'rationale [completion]: We add 2 and 3 and get',
			'target [completion]: (A)',
		]);
		// The rationale is reasoning: cut short before a whole answer, the sample is not truncated.
		expect(signal('truncated', cot)).toBeUndefined();
		const superNi = {id: 't1', task_name: 'task1_sentiment', definition: 'Classify the sentiment as positive or negative.', inputs: 'What a lovely day.', targets: 'positive'};
		expect(shown(renderSample(superNi))).toEqual([
			'definition [system]: Classify the sentiment as positive or negative.',
			'inputs [prompt]: What a lovely day.',
			'targets [completion]: positive',
		]);
	});

	test('OpenAI evals: the input turns and the ideal answer as the reference', () => {
		expect(shown(renderSample({input: [{role: 'system', content: 'Answer with a number.'}, {role: 'user', content: '2+2?'}], ideal: '4'}))).toEqual([
			'system [system]: Answer with a number.',
			'user [user]: 2+2?',
			'reference (ideal) [reference]: 4',
		]);
	});

	test('MT-bench questions: each turn a user turn', () => {
		expect(shown(renderSample({question_id: 81, category: 'writing', turns: ['Write a poem.', 'Now shorter.']}))).toEqual([
			'user · turn 1 [user]: Write a poem.',
			'user · turn 2 [user]: Now shorter.',
		]);
	});

	test('PRM800K: the problem, each step with its rating, alternatives apart, the ground truth as reference', () => {
		const rendered = renderSample({
			labeler: 'x',
			question: {problem: 'What is 3*3?', ground_truth_answer: '9'},
			label: {steps: [
				{completions: [{text: '3*3 = 9.', rating: 1, flagged: false}], human_completion: null, chosen_completion: 0},
				{completions: [{text: 'So 10.', rating: -1, flagged: false}, {text: '# Answer\n\n9', rating: 1, flagged: false}], human_completion: null, chosen_completion: 1},
			], finish_reason: 'solution'},
		});
		expect(rendered.format).toBe('rated-steps');
		expect(shown(rendered)).toEqual([
			'problem [prompt]: What is 3*3?',
			'step 1 (rating +1) [completion]: 3*3 = 9.',
			'step 2 · alternative 1 (rating -1) [field]: So 10.',
			'step 2 (rating +1) [completion]: # Answer\n\n9',
			'reference (ground_truth_answer) [reference]: 9',
		]);
		expect(rendered.metadata.map(entry => entry.key)).toEqual(['labeler', 'label.finish_reason']);
	});

	test('Gorilla and other unknown shapes: text fields as labelled blocks, a templated one as its turns', () => {
		const rendered = renderSample({code: '###Instruction: Classify this photo.\n###Output: Use a ResNet model from torch.hub.', api_call: 'torch.hub.load(\'pytorch/vision\', \'resnet50\')', provider: 'PyTorch', api_data: {domain: 'Vision'}});
		expect(rendered.formatLabel).toBe('text fields');
		expect(shown(rendered)).toEqual([
			'code · instruction [prompt]: Classify this photo.',
			'code · output [completion]: Use a ResNet model from torch.hub.',
			'api_call [field]: torch.hub.load(\'pytorch/vision\', \'resnet50\')',
		]);
		expect(rendered.metadata.map(entry => entry.key)).toEqual(['provider', 'api_data']);
		expect(renderSample({title: 'A note', body: 'Some words written here.'}).format).toBe('fields');
		expect(renderSample({id: 'x', score: 3, tag: 'short'}).format).toBe('json');
	});

	test('the_cauldron: images and texts of user/assistant exchanges', () => {
		expect(shown(renderSample({images: ['a.png'], texts: [{user: 'What is shown?', assistant: 'A red kite.', source: 'vqa'}]}))).toEqual([
			'user [user]: What is shown?',
			'assistant [assistant]: A red kite.',
		]);
	});
});

describe('Anthropic Messages API content parts', () => {
	const sample = {system: 'Weather bot.', messages: [
		{role: 'user', content: [{type: 'text', text: 'Weather in Oslo?'}]},
		{role: 'assistant', content: [{type: 'text', text: 'Checking.'}, {type: 'tool_use', id: 'tu_1', name: 'get_weather', input: {city: 'Oslo'}}]},
		{role: 'user', content: [{type: 'tool_result', tool_use_id: 'tu_1', content: '{"temp": 3}'}]},
		{role: 'assistant', content: [{type: 'thinking', thinking: 'It is cold there.', signature: 's'}, {type: 'text', text: 'It is 3°C in Oslo.'}]},
	]};

	test('tool_use as a tool call, tool_result as a tool reply, thinking as reasoning', () => {
		expect(shown(renderSample(sample))).toEqual([
			'system [system]: Weather bot.',
			'user [user]: Weather in Oslo?',
			'assistant [assistant]: Checking.',
			'assistant → get_weather (tu_1) [assistant]: {\n  "city": "Oslo"\n}',
			'tool (tu_1) [tool]: {\n  "temp": 3\n}',
			'assistant · reasoning [assistant]: It is cold there.',
			'assistant [assistant]: It is 3°C in Oslo.',
		]);
		expect(searchableText(renderSample(sample))).toContain('get_weather');
	});
});

describe('Hermes function calling: <tool_call> and <tool_response> in the text', () => {
	test('shown as tool calls and tool replies', () => {
		const rendered = renderSample({conversations: [
			{from: 'human', value: 'Price of ACME?'},
			{from: 'gpt', value: '<tool_call>\n{"arguments": {"symbol": "ACME"}, "name": "get_price"}\n</tool_call>'},
			{from: 'tool', value: '<tool_response>\n{"name": "get_price", "content": {"price": 7}}\n</tool_response>'},
			{from: 'gpt', value: 'ACME costs $7.'},
		]});
		expect(shown(rendered)).toEqual([
			'user [user]: Price of ACME?',
			'assistant → get_price [assistant]: {\n  "symbol": "ACME"\n}',
			'tool (get_price) [tool]: {\n  "name": "get_price",\n  "content": {\n    "price": 7\n  }\n}',
			'assistant [assistant]: ACME costs $7.',
		]);
	});

	test('words before a call stay the answer', () => {
		const rendered = renderSample({messages: [{role: 'user', content: 'Hi'}, {role: 'assistant', content: 'Let me look.\n<tool_call>{"name": "lookup", "arguments": {}}</tool_call>'}]});
		expect(shown(rendered).slice(1)).toEqual(['assistant [assistant]: Let me look.', 'assistant → lookup [assistant]: {}']);
	});
});

describe('reasoning inside an answer', () => {
	const chat = (answer: string) => ({messages: [{role: 'user', content: 'Is 21 prime?'}, {role: 'assistant', content: answer}]});

	test('<think>…</think> at the start is a reasoning block, as reasoning_content is', () => {
		expect(shown(renderSample(chat('<think>\n21 = 3 * 7.\n</think>\n\nNo: 21 = 3 × 7.'))).slice(1)).toEqual([
			'assistant · reasoning [assistant]: 21 = 3 * 7.',
			'assistant [assistant]: No: 21 = 3 × 7.',
		]);
		// A text that only closes </think> had the opening in its prompt.
		expect(shown(renderSample(chat('21 = 3 * 7.\n</think>\nNo.'))).slice(1)).toEqual(['assistant · reasoning [assistant]: 21 = 3 * 7.', 'assistant [assistant]: No.']);
		expect(shown(renderSample({prompt: 'Is 21 prime?', completion: '<think>3 * 7</think>No.'})).slice(1)).toEqual(['completion · reasoning [completion]: 3 * 7', 'completion [completion]: No.']);
	});

	test('a cut reasoning before a whole answer is not truncated; a reasoning with no answer is, and says so', () => {
		expect(signal('truncated', chat('<think>\nLet me check 21. It is 3 * 7. Wait,\n</think>\n\nNo: 21 = 3 × 7.'))).toBeUndefined();
		expect(signal('truncated', {messages: [{role: 'user', content: 'Is 21 prime?'}, {role: 'assistant', reasoning_content: 'Check 3: 21 / 3 = 7. So it is', content: 'No, 21 is not prime.'}]})).toBeUndefined();
		const cut = chat('<think>\nOkay, 21. Let me try dividing by three and then by seven, so the answer is');
		expect(signal('truncated', cut)).toBe('truncated: the reasoning ends mid-sentence: the last sentence has no closing punctuation');
		expect(signal('empty', cut)).toBe('empty: assistant is only its reasoning with no answer after it');
	});

	test('an empty <think></think> before an answer is not empty; a reasoning that names a model says it is the reasoning', () => {
		expect(signals(chat('<think>\n\n</think>\n\nNo, 21 = 3 × 7.'))).toEqual([]);
		expect(signal('model-identity', chat('<think>I am DeepSeek-R1, a model made by DeepSeek.</think>\n\nNo, 21 = 3 × 7.'))).toMatch(/^model-identity: the reasoning says/);
	});

	test('a refusal weighed in the reasoning is not a refusal when the answer helps', () => {
		expect(signal('refusal', chat('<think>I could say I cannot help with that. But this is harmless.</think>\n\nNo, 21 = 3 × 7.'))).toBeUndefined();
	});

	test('OpenThoughts: thought and solution markers are the reasoning and the answer, not leaked tokens', () => {
		const sample = {conversations: [{from: 'user', value: 'Square of 3?'}, {from: 'assistant', value: '<|begin_of_thought|>\n\n3*3 = 9.\n\n<|end_of_thought|>\n\n<|begin_of_solution|>\n\nThe square of 3 is 9.\n\n<|end_of_solution|>'}]};
		expect(shown(renderSample(sample)).slice(1)).toEqual(['assistant · reasoning [assistant]: 3*3 = 9.', 'assistant [assistant]: The square of 3 is 9.']);
		expect(signals(sample)).toEqual([]);
		// Elsewhere, the same marker is still a leak.
		expect(signal('special-token', {messages: [{role: 'user', content: 'Hi'}, {role: 'assistant', content: 'Hello <|end_of_thought|> there.'}]})).toBeDefined();
	});
});

describe('training weights', () => {
	test('ShareGPT turns with weight: shown on the label; a refusal in a weight-0 turn is not judged', () => {
		const sample = {conversations: [
			{from: 'human', value: 'Tell me a joke', weight: 0},
			{from: 'gpt', value: 'I\'m sorry, but I can\'t help with that.', weight: 0},
			{from: 'human', value: 'Please', weight: 0},
			{from: 'gpt', value: 'Why did the scarecrow win an award? He was outstanding in his field.', weight: 1},
		]};
		expect(renderSample(sample).blocks.map(block => block.label)).toEqual(['user (weight 0)', 'assistant (weight 0)', 'user (weight 0)', 'assistant (weight 1)']);
		expect(signals(sample)).toEqual([]);
		expect(signal('refusal', {conversations: sample.conversations.map(turn => ({from: turn.from, value: turn.value}))})).toMatch(/^refusal:/);
	});

	test('OpenAI messages with weight 0: not judged, empty or not', () => {
		const sample = {messages: [{role: 'user', content: 'Hi'}, {role: 'assistant', content: '', weight: 0}, {role: 'user', content: 'Hello?'}, {role: 'assistant', content: 'Hello! How can I help?', weight: 1}]};
		expect(signals(sample)).toEqual([]);
	});
});

describe('images in the duplicate key', () => {
	const row = (image: unknown) => ({image, conversations: [{from: 'human', value: '<image>\nWhat is this?'}, {from: 'gpt', value: 'A bus.'}]});

	test('the same conversation about another image is another sample; about the same image, a duplicate', () => {
		expect(contentKey(sampleText(row('a.jpg')))).not.toEqual(contentKey(sampleText(row('b.jpg'))));
		expect(contentKey(sampleText(row('a.jpg')))).toEqual(contentKey(sampleText(row('a.jpg'))));
		expect(contentKey(sampleText({...row(undefined), images: ['a.jpg']}))).not.toEqual(contentKey(sampleText({...row(undefined), images: ['b.jpg']})));
		expect(contentKey(sampleText({...row(undefined), image_path: {path: 'a.jpg', bytes: null}}))).not.toEqual(contentKey(sampleText({...row(undefined), image_path: {path: 'b.jpg', bytes: null}})));
	});
});
