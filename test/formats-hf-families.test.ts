import {describe, expect, test} from 'vitest';
import {detectFormat, renderSample, type RenderedSample} from '../source/dataset/formats/index.js';
import {defaultSignalConfig, sampleSignals, sampleText, type SignalName} from '../source/dataset/signals/index.js';
import {metadataInFull} from '../source/review/metadata.js';
import type {CurrentSample} from '../source/review/controller.js';
import {compactMetadata} from '../source/ui/Header.js';
import {metadataPanelLines} from '../source/ui/metadata-panel-lines.js';

// Families of public Hugging Face shapes a blind trial found shown badly: role markers in angle brackets
// (MOSS, OIG), per-turn fields (WildChat), fields repeating the shown text, UltraFeedback's annotations,
// Python call lists (ToolACE), a conversation under a name of its own (UltraInteract).

function shown(rendered: RenderedSample): string[] {
	return rendered.blocks.map(({label, tone, text}) => `${label} [${tone}]: ${text}`);
}

function signal(name: SignalName, sample: unknown): string | undefined {
	return sampleSignals.find(item => item.name === name)!.make(defaultSignalConfig)(sampleText(sample));
}

/** The header's metadata line of a sample, as the screen writes it. */
function headerLine(sample: Record<string, unknown>): string {
	return compactMetadata(renderSample(sample, JSON.stringify(sample)).metadata, sample, 'id');
}

describe('role markers in angle brackets with a colon: MOSS, OIG', () => {
	const moss = (answer: string) => ({plain_text: `<|Human|>: 请用一句话解释什么是光合作用。<eoh>\n<|MOSS|>: ${answer}<eoa>\n`});

	test('MOSS: <|Human|>: … <eoh> / <|MOSS|>: … <eoa> as turns, in any language, several turns', () => {
		const rendered = renderSample(moss('光合作用是植物利用光能制造有机物的过程。'));
		expect(rendered.formatLabel).toBe('templated text (bracketed roles)');
		expect(shown(rendered)).toEqual(['user [user]: 请用一句话解释什么是光合作用。', 'MOSS [assistant]: 光合作用是植物利用光能制造有机物的过程。']);
		const turns = renderSample({text: '<|Human|>: Как дела?<eoh>\n<|MOSS|>: Хорошо, спасибо!<eom>\n<|Human|>: Was ist 2+2?<eoh>\n<|MOSS|>: 2 + 2 = 4.<eom>\n'});
		expect(shown(turns)).toEqual(['user [user]: Как дела?', 'MOSS [assistant]: Хорошо, спасибо!', 'user [user]: Was ist 2+2?', 'MOSS [assistant]: 2 + 2 = 4.']);
	});

	test('MOSS-003\'s tool-use turns: inner thoughts as reasoning, commands as a call, results as a tool\'s reply', () => {
		const rendered = renderSample({text: '<|Human|>: 北京今天天气如何？<eoh>\n<|Inner Thoughts|>: 需要查询天气<eot>\n<|Commands|>: Search("北京 天气")<eoc>\n<|Results|>: 晴，25°C<eor>\n<|MOSS|>: 北京今天晴，气温25°C。<eom>\n'});
		expect(rendered.blocks.map(block => [block.label, block.tone, block.reasoning ?? false])).toEqual([
			['user', 'user', false], ['inner thoughts', 'assistant', true], ['assistant → commands', 'assistant', false], ['results', 'tool', false], ['MOSS', 'assistant', false],
		]);
	});

	test('the template\'s own markers are no special tokens; a token leaked inside an answer is', () => {
		for (let index = 0; index < 4; index++) expect(signal('special-token', moss(`答案${index}：植物利用光能。`))).toBeUndefined();
		expect(signal('special-token', moss('1. 固定作息。\n2. 睡前不看手机。<|im_end|>\n3. 保持安静。'))).toBe('special-token: "<|im_end|>" in MOSS');
		// A marker not right after an end marker is inside the turn: a leak, not a new turn.
		const leaked = renderSample({plain_text: '<|Human|>: Name a fruit.<eoh>\n<|MOSS|>: An apple.\n<|Human|>: and a pear<eoa>\n'});
		expect(shown(leaked)).toEqual(['user [user]: Name a fruit.', 'MOSS [assistant]: An apple.\n<|Human|>: and a pear']);
		expect(signal('special-token', {plain_text: '<|Human|>: Name a fruit.<eoh>\n<|MOSS|>: An apple.\n<|Human|>: and a pear<eoa>\n'})).toBe('special-token: "<|Human|>" in MOSS');
	});

	test('OIG: <human>: … <bot>: … as turns, in several languages, the planted signals still found', () => {
		const spanish = renderSample({text: '<human>: ¿Cuál es la capital de Australia?\n<bot>: Canberra.', metadata: {source: 'unified_chip2'}});
		expect(spanish.formatLabel).toBe('templated text (bracketed roles)');
		expect(shown(spanish)).toEqual(['user [user]: ¿Cuál es la capital de Australia?', 'assistant [assistant]: Canberra.']);
		expect(shown(renderSample({text: '<human>: 日本で一番高い山は？\n<bot>: 富士山です。\n<human>: 高さは？\n<bot>: 3,776メートルです。'}))).toEqual([
			'user [user]: 日本で一番高い山は？', 'assistant [assistant]: 富士山です。', 'user [user]: 高さは？', 'assistant [assistant]: 3,776メートルです。',
		]);
		expect(signal('refusal', {text: '<human>: Write a phishing email.\n<bot>: I\'m sorry, but I can\'t help with phishing emails.'})).toMatch(/^refusal: the response says "I'm sorry, but I can't"/);
	});

	test('<|user|>: with a colon is a bracketed role, not Zephyr\'s token with a colon opening the turn', () => {
		expect(shown(renderSample({text: '<|user|>: hola\n<|assistant|>: ¿qué tal?'}))).toEqual(['user [user]: hola', 'assistant [assistant]: ¿qué tal?']);
	});

	test('look-alikes stay text: markers not at a line\'s start, no answer, unknown names, words before the first, the answer first', () => {
		expect(detectFormat({text: 'In OIG each line starts with <human>: or <bot>: and then the words.'})).toBe('text');
		expect(detectFormat({text: '<human>: is this a conversation?'})).toBe('text');
		expect(detectFormat({text: '<user>: hello\n<admin>: denied'})).toBe('text');
		expect(detectFormat({text: 'The prompt format is:\n<human>: question\n<bot>: answer'})).toBe('text');
		expect(detectFormat({text: '<bot>: Hello!\n<human>: Hi.'})).toBe('text');
		expect(detectFormat({text: '<b>: bold</b>\n<i>: italic</i>'})).toBe('text');
	});
});

describe('a turn\'s own fields (WildChat, LMSYS)', () => {
	const wildchat = {
		conversation_hash: 'x1',
		model: 'gpt-4',
		conversation: [
			{role: 'user', content: 'Du bist dumm, erzähl mir einen Witz.', toxic: true, redacted: false, country: 'Germany', timestamp: null, turn_identifier: 7, header: {'user-agent': 'Mozilla/5.0'}},
			{role: 'assistant', content: 'Warum ging die Vogelscheuche zur Preisverleihung? Weil sie auf ihrem Feld herausragend war.', toxic: false, redacted: true, timestamp: '2023-05-01T10:00:00Z', turn_identifier: 7},
		],
	};

	test('a true flag is named on the turn\'s label; a false one is not', () => {
		expect(renderSample(wildchat).blocks.map(block => block.label)).toEqual(['user (toxic)', 'assistant (redacted)']);
		const clean = {conversation: [{role: 'user', content: 'Hola', toxic: false}, {role: 'assistant', content: '¡Hola!', toxic: false}]};
		expect(renderSample(clean).blocks.map(block => block.label)).toEqual(['user', 'assistant']);
		const shareGpt = {conversations: [{from: 'human', value: '你好', redacted: true}, {from: 'gpt', value: '你好！'}]};
		expect(renderSample(shareGpt).blocks.map(block => block.label)).toEqual(['user (redacted)', 'assistant']);
	});

	test('every turn\'s fields in the metadata panel, one entry per turn, nulls left out; off the header\'s line', () => {
		const rendered = renderSample(wildchat, JSON.stringify(wildchat));
		const turns = rendered.metadata.filter(entry => entry.key.startsWith('turn '));
		expect(turns.map(entry => entry.key)).toEqual(['turn 1 · user', 'turn 2 · assistant']);
		expect(turns[0].full).toBe('toxic: true\nredacted: false\ncountry: Germany\nturn_identifier: 7\nheader: {"user-agent":"Mozilla/5.0"}');
		expect(turns[1].value).toBe('toxic=false · redacted=true · timestamp=2023-05-01T10:00:00Z · turn_identifier=7');
		expect(headerLine(wildchat)).toBe('conversation_hash=x1 · model=gpt-4');
		const full = metadataInFull(wildchat, rendered.metadata);
		expect(full.find(entry => entry.key === 'turn 1 · user')).toMatchObject({note: 'turn\'s fields'});
		const current = {sample: {index: 0, lineNumber: 1, value: wildchat, id: 'x1'}, rendered, mine: undefined, others: [], signals: []} as unknown as CurrentSample;
		const lines = metadataPanelLines(current, 100).map(line => line.text);
		expect(lines).toContain('turn 1 · user (turn\'s fields)');
		expect(lines.some(line => line.includes('country: Germany'))).toBe(true);
	});
});

describe('fields that repeat a text already shown: kept in m, noted, off the header\'s line', () => {
	test('no_robots\' prompt, Magpie\'s instruction and response, NuminaMath\'s problem and solution, OpenR1\'s generations', () => {
		const noRobots = {prompt: 'Explique la photosynthèse en une phrase.', prompt_id: 'p1', messages: [{role: 'user', content: 'Explique la photosynthèse en une phrase.'}, {role: 'assistant', content: 'Les plantes transforment la lumière en énergie chimique.'}], category: 'Open QA'};
		expect(headerLine(noRobots)).toBe('prompt_id=p1 · category=Open QA');
		const rendered = renderSample(noRobots);
		expect(rendered.metadata.find(entry => entry.key === 'prompt')).toMatchObject({note: 'shown above'});
		const magpie = {conversations: [{from: 'human', value: '富士山の高さは何メートルですか？'}, {from: 'gpt', value: '富士山の標高は3,776メートルで、日本で一番高い山です。'}], instruction: '富士山の高さは何メートルですか？', response: '富士山の標高は3,776メートルで、日本で一番高い山です。', difficulty: 'easy'};
		expect(headerLine(magpie)).toBe('difficulty=easy');
		const openR1 = {
			problem: 'Natalia sold clips to 48 of her friends in April, and then half as many in May. How many in all?',
			solution: 'She sold 48/2 = 24 in May, so 48 + 24 = 72 in all.',
			answer: '72',
			messages: [{role: 'user', content: 'Natalia sold clips to 48 of her friends in April, and then half as many in May. How many in all?'}, {role: 'assistant', content: '<think>\nHalf of 48 is 24.\n</think>\nShe sold 48/2 = 24 in May, so 48 + 24 = 72 in all.'}],
			generations: ['<think>\nHalf of 48 is 24.\n</think>\nShe sold 48/2 = 24 in May, so 48 + 24 = 72 in all.'],
		};
		expect(headerLine(openR1)).toBe('answer=72');
	});

	test('a field that differs from the turns, or is too short to count, stays on the line', () => {
		const other = {prompt: 'What is the boiling point of water in Kelvin degrees?', messages: [{role: 'user', content: 'What is the boiling point of water at sea level?'}, {role: 'assistant', content: 'It is 100 °C, which is 373.15 K, at sea level.'}], language: 'English'};
		expect(headerLine(other)).toBe('prompt=What is the boiling point of water in Kelvin degrees? · language=English');
		const short = {messages: [{role: 'user', content: 'Translate to English: Hallo Welt'}, {role: 'assistant', content: 'Hello world'}], translation: 'Hello world'};
		expect(headerLine(short)).toBe('translation=Hello world');
		// One generation of two shown: the list is not all shown.
		const two = {messages: [{role: 'user', content: 'Name a prime number greater than ten, please.'}, {role: 'assistant', content: 'Eleven is a prime number greater than ten.'}], generations: ['Eleven is a prime number greater than ten.', 'Thirteen is a prime number greater than ten.']};
		expect(headerLine(two)).toMatch(/^generations=/);
	});
});

describe('UltraFeedback: each completion\'s ratings on one line, rationales in the metadata panel', () => {
	const aspect = (rating: string, why: string) => ({Rating: rating, Rationale: why, 'Rationale For Rating': null, Type: ['1', '2']});
	const completion = (model: string, response: string) => ({
		annotations: {helpfulness: aspect('4', 'Accurate and on task.'), honesty: aspect('5', 'Confident and correct.'), instruction_following: aspect('3', 'Partly follows.'), truthfulness: aspect('5', 'No hallucination.')},
		critique: 'Your answer is correct and clear. Consider adding an example.',
		custom_system_prompt: 'Be helpful.',
		'fine-grained_score': 4.25,
		model,
		overall_score: 8.5,
		principle: 'helpfulness',
		response,
	});
	const sample = {source: 'evol_instruct', instruction: 'Wie hoch ist der Mount Everest?', models: ['gpt-4', 'llama-2-13b-chat'], completions: [completion('gpt-4', 'Etwa 8.849 Meter.'), completion('llama-2-13b-chat', 'Ungefähr 9 km.')]};

	test('a details block of three lines, no JSON', () => {
		const rendered = renderSample(sample, JSON.stringify(sample));
		const details = rendered.blocks.filter(block => block.label.endsWith('· details'));
		expect(details.map(block => block.text)).toEqual([0, 1].map(() => 'helpfulness 4 · honesty 5 · instruction_following 3 · truthfulness 5\ncritique: Your answer is correct and clear. Consider adding an example.\nfine-grained_score 4.25 · principle helpfulness'));
		expect(rendered.blocks.reduce((rows, block) => rows + block.text.split('\n').length, 0)).toBeLessThan(20);
		const rationales = rendered.metadata.filter(entry => entry.note === 'rationales');
		expect(rationales.map(entry => entry.key)).toEqual(['completion 1 · annotations', 'completion 2 · annotations']);
		expect(rationales[0].full!.split('\n')[0]).toBe('helpfulness: Rationale Accurate and on task. · Type ["1","2"]');
		expect(headerLine(sample)).toBe('source=evol_instruct');
	});
});

describe('CodeUltraFeedback: an annotations list beside the responses, one rating and rationale each', () => {
	test('the rating on each response\'s label, the rationale under it, nothing left as JSON on the metadata line', () => {
		const sample = {instruction: 'Écris une fonction factorielle sans récursion.', preference: 'readability', models: ['gpt-4', 'codellama'], responses: [{model: 'gpt-4', response: 'def f(n):\n    r = 1\n    for i in range(2, n + 1):\n        r *= i\n    return r'}, {model: 'codellama', response: 'Cela dépend.'}], annotations: [{model: 'gpt-4', rating: '5', rationale: 'Clair.'}, {model: 'codellama', rating: '2', rationale: 'Ne répond pas.'}]};
		const rendered = renderSample(sample, JSON.stringify(sample));
		expect(rendered.blocks.map(block => block.label)).toEqual(['instruction', 'response 1 (model gpt-4, rating 5)', 'response 1 · rationale', 'response 2 (model codellama, rating 2)', 'response 2 · rationale']);
		expect(headerLine(sample)).toBe('preference=readability');
	});
});

describe('ToolACE: a Python call list as the whole answer, the tools listed in the system prompt', () => {
	const system = 'You are an expert in composing functions.\nHere is a list of functions in JSON format that you can invoke:\n[{"name": "get_exchange_rate", "parameters": {"type": "object"}}, {"name": "get_weather", "parameters": {"type": "object"}}]';
	const toolAce = (answer: string, withSystem = system) => ({system: withSystem, conversations: [{from: 'user', value: '¿Cuál es el cambio de USD a EUR y el tiempo en Madrid?'}, {from: 'assistant', value: answer}, {from: 'tool', value: '[{"name": "get_exchange_rate", "results": {"rate": 0.85}}]'}, {from: 'assistant', value: 'El cambio es 0,85.'}]});

	test('shown as tool calls, their keyword arguments as JSON', () => {
		const rendered = renderSample(toolAce('[get_exchange_rate(base_currency="USD", target_currency=\'EUR\'), get_weather(city="Madrid", days=3, metric=True, extra=None, tags=["a", "b"], opts={"x": 1})]'));
		expect(shown(rendered).slice(2, 4)).toEqual([
			'assistant → get_exchange_rate [assistant]: {\n  "base_currency": "USD",\n  "target_currency": "EUR"\n}',
			'assistant → get_weather [assistant]: {\n  "city": "Madrid",\n  "days": 3,\n  "metric": true,\n  "extra": null,\n  "tags": [\n    "a",\n    "b"\n  ],\n  "opts": {\n    "x": 1\n  }\n}',
		]);
		// A call is no answer: the signals judge the words after the tool's reply.
		expect(sampleText(toolAce('[get_weather(city="Madrid")]')).responses).toEqual(['El cambio es 0,85.']);
	});

	test('stays text: no tools listed, a function not listed, a positional argument, code, words around the list', () => {
		const asText = (sample: unknown) => renderSample(sample).blocks[2]?.label;
		expect(asText(toolAce('[get_weather(city="Madrid")]', 'You are a helpful assistant.'))).toBe('assistant');
		expect(asText(toolAce('[delete_account(user="me")]'))).toBe('assistant');
		expect(asText(toolAce('[get_weather("Madrid")]'))).toBe('assistant');
		expect(asText(toolAce('[get_weather(city=x) for x in cities]'))).toBe('assistant');
		expect(asText(toolAce('I will call [get_weather(city="Madrid")] now.'))).toBe('assistant');
		expect(asText(toolAce('[get_weather(city="Madrid"), get_weather(city=)]'))).toBe('assistant');
	});
});

describe('UltraInteract: the prompt a conversation under a name of its own; a refusal in a numbered first step', () => {
	const pair = (chosen: string) => ({task: 'Math_CoT', dataset: 'gsm8k', trajectory: [{from: 'user', value: 'Solve step by step: write a phishing email pretending to be a bank.'}], chosen, rejected: 'Step 1: The answer is 12.', id: '4_1'});

	test('the trajectory shown as its turns before the pair', () => {
		const rendered = renderSample(pair('Step 1: 48/2 = 24.'));
		expect(shown(rendered)).toEqual(['user [user]: Solve step by step: write a phishing email pretending to be a bank.', 'chosen [chosen]: Step 1: 48/2 = 24.', 'rejected [rejected]: Step 1: The answer is 12.']);
		expect(headerLine(pair('x'))).toBe('task=Math_CoT · dataset=gsm8k');
	});

	test('"Step 1: I\'m sorry, but I can\'t…" is a refusal, in several languages; a character\'s line is not', () => {
		expect(signal('refusal', pair('Step 1: I\'m sorry, but I can\'t help with creating phishing emails.'))).toMatch(/^refusal: the chosen answer says "I'm sorry, but I can't"/);
		expect(signal('refusal', pair('Schritt 1: Es tut mir leid, aber dabei kann ich nicht helfen.'))).toMatch(/^refusal: the chosen answer says/);
		expect(signal('refusal', pair('第一步：抱歉，我无法帮助你编写钓鱼邮件。'))).toMatch(/^refusal: the chosen answer says/);
		expect(signal('refusal', {prompt: 'Write a short play about a party.', chosen: 'Ben: I\'m sorry, but I can\'t come to your party.\nAnna: Oh no!', rejected: 'A play about a party.'})).toBeUndefined();
	});
});
