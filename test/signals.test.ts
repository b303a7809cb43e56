import {describe, expect, it} from 'vitest';
import {Dataset} from '../source/dataset/dataset.js';
import {computeSignals, type SignalProgress} from '../source/dataset/signals/index.js';
import {useTempDir, writeFile} from './helpers/temp.js';
import {defaultSignalConfig, resolveSignalConfig, sampleSignals, sampleText, SignalEngine, SignalTable, type SignalConfig, type SignalName} from '../source/dataset/signals/index.js';
import {DistinctCounter} from '../source/dataset/signals/distinct.js';
import {analyseFile, analysePart, splitFile} from '../source/dataset/signals/analyse-file.js';
import {NearDuplicateFinder} from '../source/dataset/signals/near-duplicate.js';
// @ts-expect-error: a plain JavaScript module shared with the bench
import {plantedDataset} from '../bench/planted.js';
import {bandKey, estimatedJaccard, jaccard, lshParameters, shingleHashes, signature} from '../source/dataset/signals/minhash.js';
import {repetitionFinding} from '../source/dataset/signals/repetition.js';
import {hashA, normaliseForDuplicates, tokenize, tokenText, wordsOf} from '../source/dataset/signals/text.js';
import {UnionFind} from '../source/dataset/signals/union-find.js';

// Hand-made samples in the phrasing of real generated sets (not the planted generator's).

const chat = (assistant: string, user = 'Can you help me with this?', extra: Record<string, unknown> = {}) => ({
	messages: [{role: 'system', content: 'You are a helpful assistant.'}, {role: 'user', content: user}, {role: 'assistant', content: assistant}],
	...extra,
});

function detect(name: SignalName, sample: unknown, config: SignalConfig = defaultSignalConfig): string | undefined {
	const signal = sampleSignals.find(item => item.name === name)!;
	return signal.make(config)(sampleText(sample));
}

const ordinary = 'Inflation is a general rise in prices across an economy. Central banks usually respond by raising interest rates, which makes borrowing more expensive and slows spending. Over time, demand cools and price growth eases, although the effect can take a year or more to show up in the data.';

describe('per-sample signals on hand-made samples', () => {
	it('refusal: disclaimers and refusals in a response, with curly quotes and contractions, not ordinary apologies or prompts', () => {
		expect(detect('refusal', chat('I’m sorry, but I can’t help create malware or anything designed to break into systems.'))).toBe('refusal: the response says "I’m sorry, but I can’t"');
		expect(detect('refusal', chat('As an AI, I do not have personal opinions about elections, but here are the main arguments on each side.'))).toBeDefined();
		expect(detect('refusal', chat('Unfortunately I am not able to provide a diagnosis; please see a doctor.'))).toBeDefined();
		expect(detect('refusal', {instruction: 'Write a poem', output: 'I must respectfully decline to write content that demeans people.'})).toBeDefined();
		expect(detect('refusal', chat('I\'m sorry to hear your cat is unwell. Keep her warm, offer water often, and call the vet if she stops eating.'))).toBeUndefined();
		expect(detect('refusal', chat('The public API cannot provide real-time quotes; use the streaming endpoint instead.'))).toBeUndefined();
		expect(detect('refusal', chat(ordinary, 'As an AI language model, explain inflation.'))).toBeUndefined();
	});

	it('refusal in other languages: common refusals and AI disclaimers in Spanish, French, German, Portuguese, Italian, Russian, Chinese and Japanese; not ordinary sentences', () => {
		const refusals = [
			'Lo siento, pero no puedo ayudarte a acceder a la cuenta de otra persona.',
			'Como modelo de lenguaje, no tengo acceso a información en tiempo real.',
			'Je suis désolé, mais je ne peux pas vous aider à contourner cette protection.',
			'En tant qu’IA, je n’ai pas d’opinions personnelles sur ce sujet.',
			'Es tut mir leid, aber ich kann dir dabei nicht helfen.',
			'Als KI-Sprachmodell habe ich keinen Zugriff auf aktuelle Kurse.',
			'Desculpe, mas não posso fornecer instruções para isso.',
			'Mi dispiace, ma non posso aiutarti con questa richiesta.',
			'Извините, но я не могу помочь с этим запросом.',
			'Как языковая модель, я не имею собственного мнения.',
			'抱歉，我无法提供这类信息。',
			'作为一个人工智能语言模型，我没有个人观点。',
			'申し訳ありませんが、そのご依頼にはお手伝いすることはできません。',
			'AI言語モデルとして、私は個人的な意見を持っていません。',
		];
		for (const text of refusals) expect(detect('refusal', chat(text)), text).toMatch(/^refusal: the response says/);
		// The reason quotes the response's own words, the full-width comma and curly apostrophe included.
		expect(detect('refusal', chat('抱歉，我无法提供这类信息。'))).toBe('refusal: the response says "抱歉，我无法"');
		expect(detect('refusal', chat('En tant qu’IA, je n’ai pas d’opinions personnelles sur ce sujet.'))).toBe('refusal: the response says "En tant qu’IA, je"');
		const ordinary = [
			'No puedo creer lo rápido que pasó el verano; el modelo de lenguaje de la novela es precioso.',
			'Je ne peux pas venir demain, mais je passerai lundi avec les documents.',
			'Transformer eignen sich gut als Sprachmodelle, und als künstliche Intelligenz gilt vieles.',
			'Não posso esquecer aquela viagem a Lisboa.',
			'Я не могу дождаться выходных, чтобы поехать на дачу.',
			'机器学习是人工智能的一个分支，作为人工智能的核心技术之一，它发展迅速。',
			'大規模言語モデルとして知られるGPTは、文章を生成できます。',
		];
		for (const text of ordinary) expect(detect('refusal', chat(text)), text).toBeUndefined();
		// The phrase lists stay configurable: a replaced list drops the defaults.
		const englishOnly = resolveSignalConfig({refusal: {phrases: ['as an ai language model'], shapes: false}}, 'winnow.config.json');
		expect(detect('refusal', chat('Lo siento, pero no puedo ayudarte.'), englishOnly)).toBeUndefined();
		const added = resolveSignalConfig({refusal: {addPhrases: ['我做不到']}}, 'winnow.config.json');
		expect(detect('refusal', chat('对此我做不到。'), added)).toMatch(/我做不到/);
	});

	it('model-identity: a model or vendor named as the assistant itself, not in the third person', () => {
		expect(detect('model-identity', chat('Hi! I\'m ChatGPT. What would you like to talk about today?'))).toBe('model-identity: the response says "I\'m ChatGPT"');
		expect(detect('model-identity', chat('My knowledge comes from training: I was trained by OpenAI on a large amount of text.'))).toBeDefined();
		expect(detect('model-identity', chat('As a language model developed by Anthropic, I aim to be honest about what I know.'))).toBeDefined();
		expect(detect('model-identity', chat('ChatGPT was released by OpenAI in November 2022 and quickly gained users.'))).toBeUndefined();
		expect(detect('model-identity', chat('Android is developed by Google and runs on most phones sold today.'))).toBeUndefined();
		expect(detect('model-identity', chat('I use Claude and GPT-4 side by side when drafting long documents.'))).toBeUndefined();
	});

	it('repetition: loops of lines, sentences and phrases; not ordinary prose, code or tables', () => {
		const steps = ['Open Settings.', 'Tap Security.', ...Array.from({length: 8}, () => 'Tap Reset Password and wait for the email.')].join('\n');
		expect(detect('repetition', chat(steps))).toMatch(/^repetition: \d+% of the response/);
		const sentenceLoop = `Sure, here is the summary. ${Array.from({length: 6}, () => 'The report shows that revenue grew in the third quarter.').join(' ')}`;
		expect(detect('repetition', chat(sentenceLoop))).toBeDefined();
		const paragraphs = Array.from({length: 3}, () => 'Thank you for contacting support. Your ticket has been escalated to our billing team, who will reply within two business days.').join('\n\n');
		expect(detect('repetition', chat(`Hello Dana,\n\n${paragraphs}`))).toBeDefined();
		const stutter = `The best option is ${Array.from({length: 40}, () => 'very').join(' ')} good for beginners who want to learn quickly and cheaply at home or at school.`;
		expect(detect('repetition', chat(stutter))).toBeDefined();

		expect(detect('repetition', chat(`${ordinary}\n\n${ordinary.replace('Inflation', 'Deflation').split('. ').reverse().join('. ')}`))).toBeDefined(); // the same sentences again: a repeat
		expect(detect('repetition', chat(ordinary))).toBeUndefined();
		const code = 'Here is the fix:\n\n```js\nfunction area(shape) {\n  if (shape.kind === "circle") {\n    return Math.PI * shape.r ** 2;\n  }\n  if (shape.kind === "square") {\n    return shape.side ** 2;\n  }\n}\n```\n\nEach branch returns early.';
		expect(detect('repetition', chat(code))).toBeUndefined();
		const table = '| Plan | Price | Users |\n|---|---|---|\n| Free | $0 | 1 |\n| Team | $12 | 10 |\n| Business | $30 | 50 |\n\nPrices are per month, billed yearly.';
		expect(detect('repetition', chat(table))).toBeUndefined();
		const list = 'Step 1: Preheat the oven to 200°C.\nStep 2: Mix the flour, butter and sugar.\nStep 3: Roll the dough and cut the biscuits.\nStep 4: Bake for twelve minutes, until golden.';
		expect(detect('repetition', chat(list))).toBeUndefined();
	});

	it('repetition follows Gopher: the share of duplicate lines by count and by characters', () => {
		const config = defaultSignalConfig.repetition;
		// A line four times (a loop: a short poem's refrain comes back three times at most): 3 of 6 lines and 48 of 101 characters repeat.
		const text = 'alpha beta gamma\nalpha beta gamma\nalpha beta gamma\nalpha beta gamma\ndelta epsilon zeta\neta theta iota';
		const finding = repetitionFinding(text, tokenize(text), config);
		expect(finding?.reason).toBe('48% of the response is repeated lines');
		expect(repetitionFinding(text, tokenize(text), {...config, duplicateLineFraction: 0.6, duplicateLineCharFraction: 0.6})).toBeUndefined();
		// The same line twice in four lines is a refrain: the rules judge the text without its second copy.
		const refrain = 'alpha beta gamma\nalpha beta gamma\ndelta epsilon zeta\neta theta iota';
		expect(repetitionFinding(refrain, tokenize(refrain), config)).toBeUndefined();
	});

	it('special-token: leaked control tokens anywhere, role prefixes at a line start of a response', () => {
		expect(detect('special-token', chat('Here is your itinerary for Kyoto.<|im_end|>'))).toMatch(/special-token: "<\|im_end\|>" in assistant/);
		expect(detect('special-token', chat('The answer is 12.</s>'))).toBeDefined();
		expect(detect('special-token', chat('Glad I could help.\n\nHuman: can you also translate it?'))).toMatch(/role prefix "Human:"/);
		expect(detect('special-token', chat('Done. <|reserved_special_token_4|>'))).toBeDefined();
		expect(detect('special-token', chat('Wrap the word in <strong> tags to make it bold.'))).toBeUndefined();
		expect(detect('special-token', chat('Assistant managers usually earn more than shift leads.'))).toBeUndefined();
		// HTML strike-through is markup, not a leaked sentence token; a stray </s> still is.
		expect(detect('special-token', chat('Use <s>old price</s> to strike text through in HTML.'))).toBeUndefined();
		expect(detect('special-token', chat('Use <s>old price</s> to strike text.</s>'))).toBeDefined();
	});

	it('empty: empty or blank responses and turns, not an empty system prompt or a tool-call-only turn', () => {
		expect(detect('empty', chat(''))).toBe('empty: assistant is empty');
		expect(detect('empty', chat(' \n\u200B '))).toBe('empty: assistant is only white space');
		expect(detect('empty', {prompt: 'Which is better?', chosen: '', rejected: 'Neither.'})).toBeDefined();
		expect(detect('empty', {messages: [{role: 'user', content: ''}, {role: 'assistant', content: 'Hello!'}]})).toBeDefined();
		expect(detect('empty', {messages: [{role: 'system', content: ''}, {role: 'user', content: 'Hi'}, {role: 'assistant', content: 'Hello!'}]})).toBeUndefined();
		const toolCall = {messages: [{role: 'user', content: 'Weather in Oslo?'}, {role: 'assistant', content: null, tool_calls: [{id: 'c1', type: 'function', function: {name: 'weather', arguments: '{"city":"Oslo"}'}}]}, {role: 'tool', tool_call_id: 'c1', content: '{"temp": 4}'}, {role: 'assistant', content: 'It is 4°C in Oslo.'}]};
		expect(detect('empty', toolCall)).toBeUndefined();
	});

	it('empty: an answer that is only punctuation or format characters; not one with a letter, digit, symbol or an empty JSON value', () => {
		expect(detect('empty', chat('.'))).toBe('empty: assistant is only punctuation (".")');
		for (const answer of ['...', ' ?! ', '\u200E-\u200F', '…', '—', '"", ']) expect(detect('empty', chat(answer)), answer).toMatch(/only punctuation/);
		expect(detect('empty', {prompt: 'Which is better?', chosen: 'B.', rejected: '.'})).toBe('empty: rejected is only punctuation (".")');
		// Unless the prompt asks for Morse code, a punctuation mark or a symbol: then punctuation is the answer.
		expect(detect('empty', chat('...', "What's the Morse code for the letter S?"))).toBeUndefined();
		expect(detect('empty', chat('?', 'Which punctuation mark ends a question?'))).toBeUndefined();
		expect(detect('empty', chat('%', 'What is the modulo operator in Python?'))).toBeUndefined();
		expect(detect('empty', chat('...', 'Tell me about your weekend.'))).toMatch(/only punctuation/);
		for (const answer of ['4', 'B.', '👍', '+', '$', '[]', '{}', '?!? No.']) expect(detect('empty', chat(answer)), answer).toBeUndefined();
		expect(detect('empty', {messages: [{role: 'user', content: '?'}, {role: 'assistant', content: 'Could you say more?'}]})).toBeUndefined();
	});

	it('empty: an answer never written (null), only reasoning, or a last question left unanswered; not a prompt-only sample', () => {
		expect(detect('empty', {prompt: 'Say hi', completion: null})).toBe('empty: completion is empty');
		expect(detect('empty', {instruction: 'Say hi', input: '', output: null})).toBe('empty: output is empty');
		expect(detect('empty', {messages: [{role: 'user', content: 'Hi'}, {role: 'assistant', content: null}]})).toBe('empty: assistant is empty');
		expect(detect('empty', chat('<think>The user greets me. I should greet back.</think>\n\n'))).toBe('empty: assistant is only its reasoning with no answer after it');
		expect(detect('empty', chat('<think>Greet back.</think>\nHello!'))).toBeUndefined();
		const unanswered = {conversations: [{from: 'human', value: 'Hi'}, {from: 'gpt', value: 'Hello! How can I help?'}, {from: 'human', value: 'Tell me a joke.'}]};
		expect(detect('empty', unanswered)).toBe('empty: the conversation ends on a user turn with no answer');
		// A templated prompt ending by opening the assistant's turn is left for a model to complete.
		expect(detect('empty', {text: '<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\nHello!<|im_end|>\n<|im_start|>user\nA joke?<|im_end|>\n<|im_start|>assistant\n'})).toBeUndefined();
		// A prompt-only sample (RL prompts, generation inputs) has no answer by design.
		expect(detect('empty', {messages: [{role: 'system', content: 'Be brief.'}, {role: 'user', content: 'Name a prime.'}]})).toBeUndefined();
		expect(detect('empty', {messages: [{role: 'User', content: 'Hi'}, {role: 'Assistant', content: '  '}]})).toBe('empty: Assistant is empty');
	});

	it('answers in Gemini, Cohere, Responses API and capitalised-role shapes are read', () => {
		const refusal = 'As an AI language model, I cannot browse the internet.';
		expect(detect('refusal', {messages: [{role: 'User', content: 'Look this up'}, {role: 'Assistant', content: refusal}]})).toBeDefined();
		expect(detect('refusal', {contents: [{role: 'user', parts: [{text: 'Look this up'}]}, {role: 'model', parts: [{text: refusal}]}]})).toBeDefined();
		expect(detect('refusal', {chat_history: [{role: 'USER', message: 'Look this up'}, {role: 'CHATBOT', message: refusal}]})).toBeDefined();
		const responsesApi = {input: [{role: 'user', content: [{type: 'input_text', text: 'Look this up'}]}], output: [{type: 'message', role: 'assistant', content: [{type: 'output_text', text: refusal}]}]};
		expect(detect('refusal', responsesApi)).toBeDefined();
		expect(detect('refusal', {messages: [{role: 'user', content: [{type: 'text', text: 'Look this up'}]}, {role: 'assistant', content: [{type: 'text', text: refusal}]}]})).toBeDefined();
	});

	it('placeholder: the holes of a template the prompt asks for are its content; the same holes in a finished letter are left in', () => {
		const invite = 'Subject: Meeting on [Date]\n\nHi [Name],\n\nCould we meet on [Date] at [Time] to discuss [Topic]?\n\nBest,\n[Your Name]';
		expect(detect('placeholder', chat(invite, 'Give me a template for a meeting invite.'))).toBeUndefined();
		expect(detect('placeholder', chat(invite, 'Dame una plantilla para invitar a una reunión.'))).toBeUndefined();
		expect(detect('placeholder', chat(invite, 'Write my meeting invite to Dana for Tuesday at 3 pm.'))).toMatch(/\[Date\]/);
		expect(detect('placeholder', chat(invite, 'Write my meeting invite, with no placeholders.'))).toMatch(/\[Date\]/);
	});

	it('special-token: a token the prompt asks about is named in the answer, not leaked; another token still leaks', () => {
		expect(detect('special-token', chat('In many tokenizers, </s> is the end-of-sequence token: the model emits it to signal that the text is finished.', 'Explain the </s> token.'))).toBeUndefined();
		expect(detect('special-token', chat('In many tokenizers, </s> marks the end.<|im_end|>', 'Explain the </s> token.'))).toMatch(/<\|im_end\|>/);
		// (A token inside a sentence that explains tokens is named, asked about or not: "In many tokenizers, </s> marks the end.")
		expect(detect('special-token', chat('Sequences end when the model is done.</s>', 'Explain the end-of-sequence token.'))).toMatch(/<\/s>/);
	});

	it('truncated: a token named mid-sentence near the end is not a leak that cuts the answer', () => {
		expect(detect('truncated', chat('In Llama 2 chat prompts, the user\'s message is wrapped in [INST] and [/INST] markers so the model knows where the instruction starts and ends.'))).toBeUndefined();
		expect(detect('truncated', chat('The answer is the sum of all the digits, which we can compute step by step and<|endoftext|>Human: thanks'))).toBeDefined();
	});

	it('truncated: a statement of code ending on ";" is complete; a sentence cut on ";" is not', () => {
		for (const code of ['You can\'t use an alias in a WHERE clause. Use a subquery instead:\n\nSELECT * FROM (SELECT a AS x FROM t) s WHERE x > 1;', 'Call it like this:\n\nresult = compute(values, 3);', 'Then flush the buffer:\n\n    out.flush();']) {
			expect(detect('truncated', chat(code)), code).toBeUndefined();
		}

		expect(detect('truncated', chat('The first experiment showed that prices rose sharply in the spring;'))).toMatch(/ends with ";" mid-sentence/);
	});

	it('truncated: finish_reason length, an open code fence, a sentence cut off; not complete short answers, lists, URLs or emoji endings', () => {
		expect(detect('truncated', {choices: [{finish_reason: 'length', turns: ['Hello']}]})).toBeDefined();
		expect(detect('truncated', chat('Here you go.', 'Hi', {finish_reason: 'length'}))).toMatch(/finish_reason "length"/);
		expect(detect('truncated', {...chat('Sure.'), choices: [{index: 0, finish_reason: 'length'}]})).toBeDefined();
		expect(detect('truncated', chat('Use this:\n\n```python\nfor row in rows:\n    print(row'))).toMatch(/code block is left open/);
		expect(detect('truncated', chat('The three main causes of inflation are demand-pull pressure, rising production costs, and'))).toMatch(/ends mid-sentence on "and"/);
		expect(detect('truncated', chat(`${ordinary} Economists also watch wage growth closely, because when workers expect higher prices they bargain for higher pay which feeds back into`))).toBeDefined();
		expect(detect('truncated', chat(`${ordinary} Economists also watch wage growth closely because when workers expect higher prices they bargain for higher pay and employers pass the cost on to customers over several quart`))).toBeDefined();

		expect(detect('truncated', chat('Paris.'))).toBeUndefined();
		expect(detect('truncated', chat('42'))).toBeUndefined();
		expect(detect('truncated', chat('You will need:\n\n- Flour\n- Butter\n- Sugar'))).toBeUndefined();
		expect(detect('truncated', chat(`${ordinary}\n\nRead more at https://www.imf.org/en/Publications/fandd/issues/Series/Back-to-Basics/Inflation`))).toBeUndefined();
		// A comma after a URL: the list (or the JSON object) goes on, cut.
		expect(detect('truncated', chat('Useful links: https://example.com, https://python.org,'))).toBeDefined();
		expect(detect('truncated', chat('{"host": "0.0.0.0", "site": "https://example.com",'))).toBeDefined();
		expect(detect('truncated', chat(`${ordinary} Hope that helps 😊`))).toBeUndefined();
		expect(detect('truncated', chat('```js\nconsole.log(1)\n```'))).toBeUndefined();
	});

	it('mojibake: U+FFFD and UTF-8 read as Latin-1; not ordinary accents or scripts', () => {
		expect(detect('mojibake', chat('The cafÃ© opens at nine.'))).toMatch(/mojibake: "Ã©" in assistant/);
		expect(detect('mojibake', chat('Itâ€™s ready for pickup.'))).toBeDefined();
		expect(detect('mojibake', chat('Keep it at 20Â°C.'))).toBeDefined();
		expect(detect('mojibake', chat('ÐŸÑ€Ð¸Ð²ÐµÑ‚'))).toBeDefined();
		expect(detect('mojibake', chat('The file had a bad byte: \uFFFD here.'))).toMatch(/U\+FFFD/);
		expect(detect('mojibake', chat('We met in São Paulo at a naïve little café; ÀÉÎ are capitals; 東京 and Ελλάδα too. 👍'))).toBeUndefined();
		// Windows-1252 misreadings of the euro and trade mark signs and of Central European letters.
		expect(detect('mojibake', chat('The ticket costs 20â‚¬ at the door.'))).toMatch(/mojibake: "â‚¬" in assistant \(UTF-8 read as Latin-1 \/ Windows-1252\)/);
		expect(detect('mojibake', chat('Winnowâ„¢ is a trade mark.'))).toBeDefined();
		expect(detect('mojibake', chat('We stayed in KrakÃ³w near the Å‚awka and the Å“uvre.'))).toBeDefined();
		expect(detect('mojibake', chat('DziÄ™kujÄ™ bardzo.'))).toBeDefined();
		expect(detect('mojibake', chat('The letter “Ä” and »Ä« and ‘Å’ are fine; Ångström, Ärger, Åsa; prices: 20 €, 5 ™.'))).toBeUndefined();
	});

	it('placeholder: template holes in a response; not code indexing, Markdown links or checkboxes', () => {
		expect(detect('placeholder', chat('Thanks again for your time.\n\nBest regards,\n[Your Name]'))).toMatch(/placeholder: "\[Your Name\]"/);
		expect(detect('placeholder', chat('Dear [Recipient\'s Name],\n\nI am writing to follow up.'))).toBeDefined();
		expect(detect('placeholder', chat('Visit us at [Company Website] for more.'))).toBeDefined();
		expect(detect('placeholder', chat('Lorem ipsum dolor sit amet.'))).toBeDefined();
		expect(detect('placeholder', chat('Set it with users[name] = value, then read config[email].'))).toBeUndefined();
		expect(detect('placeholder', chat('See [Your account settings](https://example.com/settings) to change it.'))).toBeUndefined();
		expect(detect('placeholder', chat('Tick the [x] box, as described in [1].'))).toBeUndefined();
		expect(detect('placeholder', chat('Fill in the form.', 'Write to [Your Name]'))).toBeUndefined(); // only responses
	});
});

function tableOf(samples: unknown[], config: SignalConfig = defaultSignalConfig): SignalTable {
	const engine = new SignalEngine({config});
	for (const sample of samples) engine.add(sample);
	return new SignalTable(engine.finish(index => samples[index]), config, index => samples[index]);
}

describe('preference pairs: which answer has the signal', () => {
	const refusingRejected = {prompt: 'How do I reset my router?', chosen: 'Hold the reset button for ten seconds, then wait for the lights.', rejected: 'I\'m sorry, but I can\'t help with that.'};
	const refusingChosen = {prompt: 'How do I pick a lock?', chosen: 'I\'m sorry, but I can\'t help with that.', rejected: 'Insert a tension wrench and rake the pins.'};
	const chatPair = {prompt: [{role: 'user', content: 'Hi'}], chosen: [{role: 'assistant', content: 'Hello! How can I help?'}], rejected: [{role: 'assistant', content: 'As an AI language model, I cannot greet you.'}]};

	it('a reason names the chosen or the rejected answer', () => {
		expect(detect('refusal', refusingRejected)).toBe('refusal: the rejected answer says "I\'m sorry, but I can\'t"');
		expect(detect('refusal', refusingChosen)).toBe('refusal: the chosen answer says "I\'m sorry, but I can\'t"');
		expect(detect('refusal', chatPair)).toBe('refusal: the rejected answer says "As an AI language model"');
		expect(detect('placeholder', {prompt: 'Sign it', chosen: 'Best, Ana', rejected: 'Best, [Your Name]'})).toBe('placeholder: "[Your Name]" left in the rejected answer');
		expect(detect('truncated', {prompt: 'Explain tides', chosen: 'The moon pulls the water.', rejected: 'The moon pulls the ocean toward it, and the'})).toBe('truncated: the rejected answer ends mid-sentence on "the"');
		// Not a pair: "the response", as before.
		expect(detect('refusal', chat('I\'m sorry, but I can\'t help with that.'))).toBe('refusal: the response says "I\'m sorry, but I can\'t"');
	});

	it('the table tells which answer of a pair has a signal, judged on that answer alone', () => {
		const samples = [refusingRejected, refusingChosen, chatPair, chat('I\'m sorry, but I can\'t help with that.')];
		const table = tableOf(samples);
		const sides = samples.map((sample, index) => [table.hasIn(index, 'refusal', 'chosen', sample), table.hasIn(index, 'refusal', 'rejected', sample)]);
		expect(sides).toEqual([[false, true], [true, false], [false, true], [false, false]]);
		expect(table.hasIn(0, 'empty', 'chosen', samples[0])).toBe(false);
	});
});

const paragraph = 'Our return policy lets you send back any unworn item within thirty days of delivery. Print the prepaid label from your order page, pack the item in its original box, and drop it at any post office. Refunds reach your card five to seven business days after the parcel arrives at our warehouse, and we email you as soon as it is processed.';

describe('duplicate and near-duplicate clusters', () => {
	it('duplicates ignore ids, metadata, case, white space and NFKC differences; the first is the representative', () => {
		const samples = [
			chat(paragraph, 'How do returns work?', {id: 'a', model: 'x'}),
			chat('Something else entirely.', 'Hi', {id: 'b'}),
			chat(paragraph.toUpperCase().replaceAll(' ', '   '), 'how do   RETURNS work?', {id: 'c', model: 'y'}),
			chat('ＳＯＭＥＴＨＩＮＧ else entirely.', 'Hi', {id: 'd'}),
		];
		const table = tableOf(samples);
		expect(table.signalsOf(0)).not.toContain('duplicate');
		expect(table.signalsOf(2)).toContain('duplicate');
		expect(table.has(3, 'duplicate')).toBe(true);
		expect(table.clusterOf(0, 'duplicate')).toEqual({id: 1, size: 2, position: 1, first: 0});
		expect(table.clusterOf(2, 'duplicate')).toEqual({id: 1, size: 2, position: 2, first: 0});
		expect(table.clusterOf(1, 'duplicate')?.id).toBe(2);
		expect(table.reasons(2)).toContainEqual({signal: 'duplicate', reason: 'duplicate: cluster of 2, this is 2 of 2 (same content as sample 1, the first)'});
		// The first has no duplicate signal, yet says it is in the cluster.
		expect(table.reasons(0)).toContainEqual({signal: 'duplicate', reason: 'duplicate: cluster of 2, this is 1 of 2 (the first, without the signal)', member: true});
		expect(normaliseForDuplicates('Ｈｅｌｌｏ\u00A0 World')).toBe('hello world');
	});

	it('near-duplicates: a reworded copy is joined, unrelated and short texts are not', () => {
		const reworded = paragraph.replace('thirty days', '30 days');
		expect(jaccard(shingleHashes(Uint32Array.from(wordsOf(paragraph), word => hashA(word)), 5), shingleHashes(Uint32Array.from(wordsOf(reworded), word => hashA(word)), 5))).toBeGreaterThan(0.8);
		const samples = [
			chat(paragraph, 'How do returns work?'),
			chat(ordinary, 'What is inflation?'),
			chat(reworded, 'How do returns work?'),
			chat('Yes.', 'Is it open?'),
			chat('No.', 'Is it open?'),
			chat(reworded.replace('post office', 'parcel shop'), 'How do returns work?'),
		];
		const table = tableOf(samples);
		expect(table.has(0, 'near-duplicate')).toBe(false);
		expect(table.has(2, 'near-duplicate')).toBe(true);
		expect(table.has(5, 'near-duplicate')).toBe(true);
		expect(table.has(1, 'near-duplicate') || table.has(4, 'near-duplicate')).toBe(false);
		expect(table.clusterOf(5, 'near-duplicate')).toMatchObject({size: 3, position: 3, first: 0});
		expect(table.reasons(2)[0].reason).toBe('near-duplicate: cluster of 3, this is 2 of 3 (like sample 1, the first)');
		expect(table.reasons(0)).toEqual([{signal: 'near-duplicate', reason: 'near-duplicate: cluster of 3, this is 1 of 3 (the first, without the signal)', member: true}]);
		expect(table.reasons(1)).toEqual([]);
		expect(table.countBySignal().find(item => item.signal === 'near-duplicate')?.samples).toBe(2);
	});

	it('an exact copy in a near-duplicate cluster is flagged duplicate only, and stays in the cluster', () => {
		const reworded = paragraph.replace('thirty days', '30 days');
		const table = tableOf([chat(paragraph, 'How do returns work?'), chat(paragraph, 'How do returns work?'), chat(reworded, 'How do returns work?')]);
		expect(table.signalsOf(1)).toEqual(['duplicate']);
		expect(table.clusterOf(1, 'near-duplicate')).toMatchObject({size: 3, position: 2, first: 0});
		expect(table.signalsOf(2)).toEqual(['near-duplicate']);
	});

	it('tokenize finds the words wordsOf finds, with their hashes', () => {
		const text = 'Don’t stop: well-known Café-Crème costs 4.50€ — naïve, 東京 👍 x';
		const tokens = tokenize(text);
		expect(Array.from({length: tokens.count}, (_, k) => tokenText(tokens, k, k + 1))).toEqual(wordsOf(text));
		expect([...tokens.hashes]).toEqual(wordsOf(text).map(word => hashA(word)));
	});

	it('MinHash signatures estimate Jaccard and exact Jaccard is exact', () => {
		const words = (count: number, offset: number) => Uint32Array.from({length: count}, (_, i) => hashA(`w${i + offset}`));
		const a = shingleHashes(words(400, 0), 5);
		const b = shingleHashes(words(400, 40), 5);
		const exact = jaccard(a, b);
		expect(exact).toBeCloseTo(356 / 436, 5);
		const signatures = new Uint8Array(128);
		signature(a, 128, signatures, 0);
		signature(b, 128, signatures, 64);
		const signatureWords = new Uint32Array(signatures.buffer);
		expect(Math.abs(estimatedJaccard(signatureWords, 0, 16, 128) - exact)).toBeLessThan(0.15);
		expect(estimatedJaccard(signatureWords, 0, 0, 128)).toBe(1);
		// No shingles: nothing to borrow, every value 0.
		const none = new Uint8Array(64).fill(0xAB);
		signature(new Uint32Array(0), 128, none, 0);
		expect([...none]).toEqual(Array.from({length: 64}, () => 0));
		// One shingle: every empty bin borrows from the one filled bin.
		const one = new Uint8Array(64);
		signature(Uint32Array.of(0x12_34_56_78), 128, one, 0);
		expect(one.some(byte => byte !== 0)).toBe(true);
		// The word-at-a-time count agrees with comparing value by value.
		let same = 0;
		for (let k = 0; k < 64; k++) {
			const difference = signatures[k] ^ signatures[64 + k];
			same += Number((difference & 0xF) === 0) + Number(difference >> 4 === 0);
		}

		expect(estimatedJaccard(signatureWords, 0, 16, 128)).toBeCloseTo(Math.max(0, (same / 128 - 1 / 16) / (15 / 16)), 10);
		const sets = new UnionFind(5);
		sets.union(3, 4);
		sets.union(1, 4);
		expect(sets.find(3)).toBe(1);
		expect(sets.union(1, 3)).toBe(false);
	});

	it('an LSH band key is the band’s values themselves: equal exactly when the band agrees', () => {
		const {bands, rows} = lshParameters(0.8);
		// Random signatures, then copies that agree with the first on one band only.
		let seed = 7;
		const next = () => {
			seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
			return seed >>> 24;
		};

		const count = 400;
		const signatures = Uint8Array.from({length: count * 64}, next);
		const value = (sample: number, bin: number) => (signatures[(sample * 64) + (bin >> 1)] >> ((bin & 1) * 4)) & 0xF;
		for (let band = 0; band < bands; band++) {
			const keys = new Map<number, string>();
			for (let sample = 0; sample < count; sample++) {
				const values = Array.from({length: rows}, (_, row) => value(sample, (band * rows) + row)).join(',');
				const key = bandKey(signatures, sample * 64, band, rows);
				// One key, one tuple of values (a hashed key could put two tuples in one bucket).
				expect(keys.get(key) ?? values).toBe(values);
				keys.set(key, values);
			}
		}

		// 8 rows of 4 bits fill 32 bits: still one key per tuple, and never negative.
		const full = Uint8Array.from([0xFF, 0xFF, 0xFF, 0xFF]);
		expect(bandKey(full, 0, 0, 8)).toBe(0xFF_FF_FF_FF);
	});
});

describe('length-outlier and diversity', () => {
	it('flags a response far outside the file\'s lengths (robust z over log length) with its reason', () => {
		const samples = Array.from({length: 40}, (_, i) => chat(`${paragraph.slice(0, 150 + (i * 7) % 120)}.`, `Question ${i}?`));
		samples.push(chat(Array.from({length: 60}, (_, i) => `Section ${i}: ${ordinary}`).join('\n\n'), 'Tell me everything.'));
		const table = tableOf(samples);
		expect(table.has(40, 'length-outlier')).toBe(true);
		expect(table.countBySignal().find(item => item.signal === 'length-outlier')?.samples).toBe(1);
		expect(table.reasons(40).find(hit => hit.signal === 'length-outlier')?.reason).toMatch(/^length-outlier: the response is [\d,]+ characters, \d+× the median of [\d,]+ \(robust z \d+\.\d\)$/);
	});

	it('on near-uniform lengths (synthetic data, a tiny MAD) only a response 3× longer or a third as long is an outlier', () => {
		// 38 answers of 160 to 200 characters: an ordinary 1.2× answer has a robust z near 7 here.
		const samples = Array.from({length: 38}, (_, i) => chat(`${paragraph.slice(0, 172 + (i % 5) - 2)}.`, `Question ${i}?`));
		samples.push(chat(`${paragraph.slice(0, 209)}.`, 'A slightly longer one?'), chat(`${paragraph.slice(0, 150)}.`, 'A slightly shorter one?'));
		samples.push(chat(`${paragraph}\n\n${paragraph}\n\n${paragraph}`.slice(0, 600), 'A long one?'), chat('Yes, it is.', 'A short one?'));
		const table = tableOf(samples);
		expect([38, 39, 40, 41].map(index => table.has(index, 'length-outlier'))).toEqual([false, false, true, true]);
		expect(table.countBySignal().find(item => item.signal === 'length-outlier')?.samples).toBe(2);
		const lowRatio = tableOf(samples, resolveSignalConfig({lengthOutlier: {minRatio: 1}}, 'winnow.config.json'));
		expect(lowRatio.has(38, 'length-outlier')).toBe(true);
	});

	it('distinct-1, distinct-2 and openings over responses; counts are exact until large, then estimated', () => {
		const table = tableOf([chat('the cat sat on the mat'), chat('the cat sat on the mat'), chat('a dog ran')]);
		const {diversity} = table.data;
		expect(diversity.words).toBe(15);
		expect(diversity.distinct1).toBeCloseTo(8 / 15, 5);
		expect(diversity.distinct2).toBeCloseTo(7 / 12, 5);
		expect(diversity.openings[0]).toEqual({opening: 'the cat sat on the', responses: 2});
		expect(diversity.duplicateShare).toBeCloseTo(2 / 3, 5);
		// Chinese and Japanese are written without spaces: each character is a word for the counts; an opening is
		// five words as ICU's dictionary finds them (绿茶|的|冲|泡|温度), not five characters.
		const unspaced = tableOf([chat('绿茶的冲泡温度在八十度左右，水太烫会苦。'), chat('绿茶的冲泡时间是两分钟。'), chat('日本語の文章です。Tokyo is big.')]).data.diversity;
		expect(unspaced.words).toBe(18 + 11 + 11);
		expect(unspaced.openings.map(({opening}) => opening).sort()).toEqual(['日本語の文章です tokyo', '绿茶的冲泡时间', '绿茶的冲泡温度']);
		const openings = tableOf([chat('绿茶的冲泡温度在八十度左右，水太烫会苦。'), chat('绿茶的冲泡温度不宜太高。'), chat('โขลกกระเทียมกับพริกให้พอแหลก ใส่มะละกอสับ'), chat('โขลกกระเทียมกับพริกให้ละเอียด แล้วใส่น้ำปลา'), chat('Sure, here it is.')]).data.diversity.openings.slice(0, 2);
		expect(openings).toEqual([{opening: 'โขลกกระเทียมกับพริกให้', responses: 2}, {opening: '绿茶的冲泡温度', responses: 2}]);
		// An emoji's variation selector left after the symbol is not a word of the opening; a mark on a letter is part of it.
		const emoji = tableOf([chat('Morning: ☀️ sunny and mild today.'), chat('Morning: ☀️ sunny and mild again.'), chat('Café déjà vu here.')]).data.diversity.openings;
		expect(emoji.map(({opening}) => opening).sort()).toEqual(['café déjà vu here', 'morning sunny and mild again', 'morning sunny and mild today']);
		expect(unspaced.distinct1).toBeCloseTo(new Set([...'绿茶的冲泡温度在八十度左右水太烫会苦时间是两分钟日本語の文章です'].concat(['tokyo', 'is', 'big'])).size / 40, 5);
		// A reasoning block (<think>…</think>) is not a response of its own: one answer a sample, its words alone.
		const thinking = tableOf([chat('<think>just thinking here</think>'), chat('<think>hmm</think>The answer is four.'), chat('plain answer here')]).data.diversity;
		expect(thinking.responses).toBe(3);
		expect(thinking.words).toBe(4 + 3);
		expect(thinking.openings.map(({opening}) => opening).sort()).toEqual(['plain answer here', 'the answer is four']);
		const counter = new DistinctCounter(14, 1000);
		for (let i = 0; i < 200_000; i++) counter.add(hashA(`word${i % 50_000}`));
		expect(counter.isExact).toBe(false);
		expect(Math.abs(counter.count() - 50_000) / 50_000).toBeLessThan(0.03);
	});
});

describe('signal config', () => {
	it('defaults, replacements, additions and disabled signals', () => {
		expect(resolveSignalConfig(undefined, 'winnow.config.json')).toEqual(defaultSignalConfig);
		const config = resolveSignalConfig({refusal: {addPhrases: ['computer says no']}, repetition: {duplicateLineFraction: 0.5}, disabled: ['length-outlier']}, 'winnow.config.json');
		expect(config.refusal.phrases).toContain('computer says no');
		expect(config.refusal.phrases).toContain('as an ai language model');
		expect(config.repetition.duplicateLineFraction).toBe(0.5);
		expect(detect('refusal', chat('Computer says no, sorry.'), config)).toBeDefined();
		const table = tableOf([chat('hi there friend')], config);
		expect(table.data.counts.length).toBe(11);
	});

	it('a bad field is one sentence naming the file and the field', () => {
		const bad = (raw: unknown) => () => resolveSignalConfig(raw, 'data/winnow.config.json');
		expect(bad({repetition: {duplicateLineFraction: 2}})).toThrow('data/winnow.config.json: signals.repetition.duplicateLineFraction must be a number from 0 to 1.');
		expect(bad({refusal: {phrases: 'sorry'}})).toThrow('data/winnow.config.json: signals.refusal.phrases must be a list of non-empty strings.');
		expect(bad({nearDuplicate: {shingles: 5}})).toThrow(/^data\/winnow\.config\.json: signals\.nearDuplicate\.shingles is not a known setting \(known: threshold, shingleWords\)\.$/);
		expect(bad({disabled: ['refusals']})).toThrow('data/winnow.config.json: signals.disabled names "refusals", not a signal (did you mean "refusal"?); the signals are duplicate, near-duplicate, refusal, model-identity, repetition, special-token, empty, truncated, mojibake, placeholder, length-outlier.');
		expect(bad({disabled: 'refusal'})).toThrow(/signals\.disabled must be a list of signal names/);
		expect(bad({refusal: {addPhrase: ['x']}})).toThrow('data/winnow.config.json: signals.refusal.addPhrase is not a known setting (did you mean "addPhrases"?) (known: phrases, addPhrases, shapes).');
		expect(bad([])).toThrow('data/winnow.config.json: signals must be an object.');
		expect(bad({colours: {}})).toThrow(/signals\.colours is not a known setting/);
		// Every bad field, one line each, not the first alone.
		expect(bad({nearDuplicate: {threshold: 2}, refusal: {addPhrase: ['x']}, disabled: ['refusl']})).toThrow(/^data\/winnow\.config\.json: signals\.nearDuplicate\.threshold must be a number from 0 to 1\.\ndata\/winnow\.config\.json: signals\.refusal\.addPhrase is not a known setting .*\ndata\/winnow\.config\.json: signals\.disabled names "refusl", not a signal \(did you mean "refusal"\?\)/);
	});
});

describe('computeSignals', () => {
	const tempDir = useTempDir();

	it('reads a Dataset\'s file with progress, numbers samples as the Dataset does, and gives reasons through it', async () => {
		const lines = [
			JSON.stringify(chat(paragraph, 'How do returns work?', {id: 'a'})),
			'not json at all',
			JSON.stringify(chat('As an AI language model, I cannot browse the web.', 'Find me a flight.', {id: 'c'})),
			'',
			JSON.stringify(chat(paragraph, 'How do returns work?', {id: 'd'})),
		];
		const path = writeFile(tempDir(), 'data.jsonl', `${lines.join('\r\n')}\r\n`);
		const dataset = await Dataset.open(path, {worker: false});
		await dataset.whenIndexed;
		const progress: SignalProgress[] = [];
		const table = await computeSignals(dataset, defaultSignalConfig, update => progress.push({...update}));
		expect(table.count).toBe(dataset.count);
		expect(table.signalsOf(1)).toEqual([]);
		expect(table.reasons(2)).toEqual([{signal: 'refusal', reason: 'refusal: the response says "As an AI language model"'}]);
		expect(table.signalsOf(3)).toEqual(['duplicate']);
		expect(progress.map(update => update.phase)).toContain('reading');
		expect(progress.at(-1)).toMatchObject({phase: 'clustering', samples: 4});
		dataset.close();
	});

	it('malformed lines have no signals: not duplicates of each other, read whole or in parts', async () => {
		const good = JSON.stringify({prompt: 'Name a colour.', completion: 'Blue.'});
		const lines = [good, '{"prompt": "cut', '[1, 2, 3]', '"a string"', JSON.stringify({prompt: 'Name a fruit.', completion: 'A pear.'}), '{"prompt": "cut', good];
		const path = writeFile(tempDir(), 'malformed.jsonl', `${lines.join('\n')}\n`);
		for (const split of [{parts: 1}, {parts: 2, minimumPartBytes: 1}]) {
			const data = await analyseFile(path, {config: defaultSignalConfig}, undefined, undefined, split);
			const table = new SignalTable(data, defaultSignalConfig);
			expect(table.countBySignal().find(({signal}) => signal === 'duplicate')?.samples, `${split.parts} part(s)`).toBe(1);
			expect(table.clusterOf(1, 'duplicate')).toBeUndefined();
			expect([1, 2, 3, 5].map(index => table.signalsOf(index)), `${split.parts} part(s)`).toEqual([[], [], [], []]);
			expect(table.signalsOf(6)).toEqual(['duplicate']);
		}
	});

	it('read in parts (as the workers read a big file side by side) and joined, the table is the one read whole', async () => {
		const {text} = plantedDataset({count: 1200, seed: 13}) as {text: string};
		const lines = text.trimEnd().split('\n').map((line, index) => JSON.stringify({...JSON.parse(line) as object, model: `m${index % 3}`}));
		// A BOM, CRLF line ends and a blank line: the parts must number samples as the whole file does.
		const path = writeFile(tempDir(), 'planted.jsonl', `\uFEFF${lines.slice(0, 600).join('\r\n')}\r\n\r\n${lines.slice(600).join('\n')}\n`);
		const ranges = splitFile(path, {parts: 3, minimumPartBytes: 1});
		expect(ranges).toHaveLength(3);
		const whole = await analyseFile(path, {config: defaultSignalConfig, by: 'model'});
		const joined = await analyseFile(path, {config: defaultSignalConfig, by: 'model'}, undefined, undefined, {parts: 3, minimumPartBytes: 1});
		expect(joined.count).toBe(1200);
		expect(whole.counts[0]).toBeGreaterThan(10);
		expect(whole.counts[1]).toBeGreaterThan(10);
		for (const key of ['mask', 'lengths'] as const) expect([...joined[key]], key).toEqual([...whole[key]]);
		for (const kind of ['duplicate', 'nearDuplicate'] as const) {
			for (const key of ['of', 'position', 'sizes', 'first'] as const) expect([...joined[kind][key]], `${kind}.${key}`).toEqual([...whole[kind][key]]);
		}

		expect(joined.counts).toEqual(whole.counts);
		expect(joined.diversity).toEqual(whole.diversity);
		expect(joined.groups?.names).toEqual(whole.groups?.names);
		expect([...joined.groups!.of]).toEqual([...whole.groups!.of]);
		expect(joined.groups?.diversity).toEqual(whole.groups?.diversity);
		// The first stretch keeps its signatures in shared memory with room for the whole file: they are joined without a copy.
		const first = await analysePart(path, {config: defaultSignalConfig}, ranges[0], undefined, undefined, true);
		expect(NearDuplicateFinder.canTakeShared(first, 1200)).toBe(true);
	});

	it('splits a JSON Lines file after line ends, and leaves a JSON array whole', () => {
		const lines = Array.from({length: 100}, (_, i) => JSON.stringify(chat(`answer number ${i}`)));
		const path = writeFile(tempDir(), 'lines.jsonl', `${lines.join('\n')}\n`);
		const ranges = splitFile(path, {parts: 4, minimumPartBytes: 1});
		expect(ranges).toHaveLength(4);
		const bytes = Buffer.from(`${lines.join('\n')}\n`);
		expect(ranges[0].from).toBe(0);
		expect(ranges.at(-1)!.to).toBe(bytes.length);
		for (const [index, range] of ranges.entries()) {
			if (index > 0) expect(bytes[range.from - 1]).toBe(0x0a);
			if (index > 0) expect(range.from).toBe(ranges[index - 1].to);
		}

		expect(splitFile(path, {parts: 4})).toEqual([{from: 0, to: bytes.length}]);
		const array = writeFile(tempDir(), 'array.json', `[\n${lines.join(',\n')}\n]\n`);
		expect(splitFile(array, {parts: 4, minimumPartBytes: 1})).toHaveLength(1);
	});

	it('stops when aborted', async () => {
		const path = writeFile(tempDir(), 'data.jsonl', `${Array.from({length: 50}, (_, i) => JSON.stringify(chat(`answer ${i}`))).join('\n')}\n`);
		const controller = new AbortController();
		controller.abort();
		await expect(computeSignals(path, defaultSignalConfig, undefined, {signal: controller.signal, worker: false})).rejects.toThrow();
	});
});
