import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import {Dataset} from '../source/dataset/dataset.js';
import {detectFormat, renderSample, type RenderedSample} from '../source/dataset/formats/index.js';
import {defaultSignalConfig, sampleSignals, sampleText, type SignalName} from '../source/dataset/signals/index.js';
import {previousSystemPrompt} from '../source/ui/repeated-system.js';

// Small files in the shapes of more public generated sets: UltraChat, OpenOrca/SlimOrca, Capybara,
// lmsys-chat / WildChat, MetaMath, MATH, FLAN/P3, Dolly, and chat templates baked into one text.

function fixture(name: string): RenderedSample[] {
	const text = readFileSync(new URL(`fixtures/formats/${name}`, import.meta.url), 'utf8');
	return text.split('\n').filter(line => line.trim() !== '').map(line => renderSample(JSON.parse(line) as unknown));
}

function shown(rendered: RenderedSample): string[] {
	return rendered.blocks.map(({label, tone, text}) => `${label} [${tone}]: ${text}`);
}

function metadataKeys(rendered: RenderedSample): string[] {
	return rendered.metadata.map(({key}) => key);
}

function samples(name: string): unknown[] {
	const text = readFileSync(new URL(`fixtures/formats/${name}`, import.meta.url), 'utf8');
	return text.split('\n').filter(line => line.trim() !== '').map(line => JSON.parse(line) as unknown);
}

/** What one per-sample signal says of a sample (the reason), as the signals engine reads it. */
function signal(name: SignalName, sample: unknown): string | undefined {
	return sampleSignals.find(item => item.name === name)!.make(defaultSignalConfig)(sampleText(sample));
}

describe('UltraChat: a list of strings taking turns', () => {
	const [long, empty] = fixture('ultrachat.jsonl');

	test('user and assistant in turn, the id as metadata', () => {
		expect(long.format).toBe('ultrachat');
		expect(long.formatLabel).toBe('UltraChat');
		expect(long.blocks.map(block => `${block.label}/${block.tone}`)).toEqual(['user/user', 'assistant/assistant', 'user/user', 'assistant/assistant']);
		expect(long.blocks[3].text).toBe('Sure, here are some strength training exercises that can benefit runners:\n\n1. Squats\n2. Lunges');
		expect(metadataKeys(long)).toEqual(['id']);
	});

	test('a white-space answer reads (empty)', () => {
		expect(shown(empty)).toEqual(['user [user]: Write a haiku about rain.', 'assistant [assistant]: (empty)']);
	});

	test('a list of one string is a prompt alone; not all strings, or none, is not a conversation', () => {
		expect(shown(renderSample({id: '1', data: ['Hi']}))).toEqual(['user [user]: Hi']);
		expect(detectFormat({data: ['a', 2]})).toBe('json');
		expect(detectFormat({data: []})).toBe('json');
		expect(detectFormat({instruction: 'Sort these', output: 'a, b', data: ['b', 'a']})).toBe('alpaca');
	});
});

describe('OpenOrca and SlimOrca: a system prompt beside the pair', () => {
	const [orca, orcaAgain, slim, alpacaSystem, promptSystem] = fixture('openorca.jsonl');

	test('system_prompt is the system block, then question and response', () => {
		expect(orca.format).toBe('pair');
		expect(orca.formatLabel).toBe('pair (question/response)');
		expect(shown(orca)).toEqual([
			'system [system]: You are an AI assistant. You will be given a task. You must generate a detailed and long answer.',
			'question [prompt]: Generate an approximately fifteen-word sentence that describes all this data: Midsummer House eatType restaurant',
			'response [completion]: Midsummer House is a moderately priced Chinese restaurant with a 3/5 customer rating, located near All Bar One.',
		]);
		expect(metadataKeys(orca)).toEqual(['id']);
		// The first block is what the review screen compares with the previous sample's to collapse a repeated system prompt.
		expect(orcaAgain.blocks[0]).toEqual(orca.blocks[0]);
	});

	test('the same system prompt on the next line is the one the review screen collapses', async () => {
		const dataset = await Dataset.open(new URL('fixtures/formats/openorca.jsonl', import.meta.url).pathname, {worker: false});
		await dataset.whenIndexed;
		expect(previousSystemPrompt(dataset, 1)).toBe('You are an AI assistant. You will be given a task. You must generate a detailed and long answer.');
		expect(previousSystemPrompt(dataset, 1)).toBe(orcaAgain.blocks[0].text);
	});

	test('SlimOrca ShareGPT with a system turn; system beside instruction/output and prompt/response', () => {
		expect(slim.blocks[0]).toEqual({label: 'system', text: 'You are an AI assistant. User will you give you a task.', tone: 'system'});
		expect(alpacaSystem.format).toBe('alpaca');
		expect(shown(alpacaSystem)).toEqual(['system [system]: You are a helpful assistant who answers in one word.', 'instruction [prompt]: Name the largest planet.', 'output [completion]: Jupiter']);
		expect(promptSystem.format).toBe('prompt-completion');
		expect(shown(promptSystem)[0]).toBe('system [system]: You are a helpful assistant who answers in one word.');
		expect(metadataKeys(promptSystem)).toEqual([]);
	});
});

describe('Capybara: a conversation of input/output exchanges', () => {
	const [twoTurns, open, userAssistant] = fixture('capybara.jsonl');

	test('each exchange a user and an assistant block, the source as metadata', () => {
		expect(twoTurns.format).toBe('turn-pairs');
		expect(shown(twoTurns)).toEqual([
			'user [user]: Create a plan to solve the following problem.',
			'assistant [assistant]: Plan: Start by searching the web.\n#E1 = Search[query]',
			'user [user]: What is the second step?',
			'assistant [assistant]: Plan: Read the first result.',
		]);
		expect(metadataKeys(twoTurns)).toEqual(['source']);
	});

	test('a last exchange with no answer yet, and {user, assistant} exchanges', () => {
		expect(shown(open)).toEqual(['user [user]: Which European city is known as the City of Canals?']);
		expect(shown(userAssistant)).toEqual(['user [user]: Hi!', 'assistant [assistant]: Hello, how can I help?']);
	});

	test('an answer missing before the last exchange is not this shape', () => {
		expect(detectFormat({conversation: [{input: 'a'}, {input: 'b', output: 'c'}]})).toBe('json');
	});
});

describe('conversations in either spelling', () => {
	const samples = fixture('conversation-spellings.jsonl');

	test('role/content and from/value, in messages, conversations or conversation, also mixed: always a chat', () => {
		for (const [index, rendered] of samples.slice(0, 9).entries()) {
			expect(['chat', 'sharegpt'], JSON.stringify(rendered)).toContain(rendered.format);
			expect(rendered.blocks.map(block => block.tone)).toEqual(['user', 'assistant']);
			expect(rendered.blocks[1].text).toBe(`ok ${index + 1}`);
			expect(rendered.blocks[0].text).not.toBe('(empty)');
		}
	});

	test('OpenAssistant: role "prompter", the content spelled text', () => {
		expect(shown(samples[11])).toEqual(['prompter [user]: OpenAssistant spells it text', 'assistant [assistant]: ok 12']);
	});

	test('lmsys-chat-1m and WildChat: extra per-turn fields do not get in the way', () => {
		const [lmsys, wildChat] = samples.slice(9, 11);
		expect(shown(lmsys)).toEqual([
			'user [user]: how can identity protection services help protect me against identity theft',
			'assistant [assistant]: Identity protection services can help protect you by monitoring your credit reports.',
		]);
		expect(metadataKeys(lmsys)).toEqual(['conversation_id', 'model', 'turn', 'language', 'openai_moderation', 'redacted']);
		expect(shown(wildChat)).toEqual(['user [user]: Write a limerick about a cat.', 'assistant [assistant]: A cat with a hat sat on a mat.']);
	});
});

describe('single prompt/answer pairs under public key names', () => {
	const [metaMath, math, flan, p3, inputOutput, alpacaNoInput, dolly, promptCompletionLists] = fixture('single-pairs.jsonl');

	test('MetaMath query/response, MATH problem/solution, FLAN inputs/targets, input/output', () => {
		expect([metaMath, math, flan, inputOutput].map(rendered => rendered.formatLabel)).toEqual(['pair (query/response)', 'pair (problem/solution)', 'pair (inputs/targets)', 'pair (input/output)']);
		expect(metaMath.blocks.map(block => block.tone)).toEqual(['prompt', 'completion']);
		expect(metadataKeys(metaMath)).toEqual(['type', 'original_question']);
		expect(shown(math)[1]).toBe('solution [completion]: The denominator factors as $(x-2)(x+3)$, so there are $\\boxed{2}$ vertical asymptotes.');
		expect(metadataKeys(math)).toEqual(['level', 'type']);
		// FLAN's targets is the answer to train on, not a reference beside another answer.
		expect(shown(flan)[1]).toBe('targets [completion]: yes');
		expect(flan.blocks.some(block => block.tone === 'reference')).toBe(false);
		expect(shown(inputOutput)).toEqual(['input [prompt]: Translate to German: cheese', 'output [completion]: Käse']);
	});

	test('P3: the pretokenized texts, the token ids left out', () => {
		expect(shown(p3)).toEqual(['inputs_pretokenized [prompt]: Which is heavier, a kilo of feathers or a kilo of steel?', 'targets_pretokenized [completion]: Neither']);
		expect(metadataKeys(p3)).toEqual(['answer_choices']);
	});

	test('instruction/output with no input, Dolly context, prompt and completion as chat lists', () => {
		expect(shown(alpacaNoInput)).toEqual(['instruction [prompt]: Give three tips for staying healthy.', 'output [completion]: 1. Eat well.\n2. Sleep.\n3. Move.']);
		expect(dolly.blocks.map(block => block.label)).toEqual(['instruction', 'context', 'response']);
		expect(metadataKeys(dolly)).toEqual(['category']);
		expect(shown(promptCompletionLists)).toEqual(['user [user]: What color is the sky?', 'assistant [assistant]: It is blue.']);
	});
});

describe('chat templates baked into one text', () => {
	const [chatMl, leakedEnd, strayEnd, llama2, llama3, alpaca, vicuna, hh, guanaco, broken, prose, gemma, zephyr, tulu, phi3, promptChatMl, pairLlama3, pairHh, kto, leakedCompletion] = fixture('templated-text.jsonl');

	test('ChatML: its turns, the template named in the header', () => {
		expect(chatMl.format).toBe('templated-text');
		expect(chatMl.formatLabel).toBe('templated text (ChatML)');
		expect(shown(chatMl)).toEqual(['system [system]: You are a helpful assistant.', 'user [user]: What is 2+2?', 'assistant [assistant]: 2 + 2 = 4.']);
	});

	test('a template token inside a turn stays in that turn', () => {
		expect(shown(leakedEnd).at(-1)).toBe('assistant [assistant]: An apple.<|im_end|> Also a pear.');
		expect(shown(strayEnd).at(-1)).toBe('assistant [assistant]: Blue.\n<|endoftext|>');
	});

	test('Llama 2 with its <<SYS>> block, Llama 3 headers', () => {
		expect(llama2.formatLabel).toBe('templated text (Llama 2)');
		expect(shown(llama2)).toEqual([
			'system [system]: You are a helpful assistant.',
			'user [user]: What is the capital of Peru?',
			'assistant [assistant]: Lima.',
			'user [user]: And of Chile?',
			'assistant [assistant]: Santiago.',
		]);
		expect(llama3.formatLabel).toBe('templated text (Llama 3)');
		expect(shown(llama3)).toEqual(['system [system]: You are a helpful assistant.', 'user [user]: Say hi.', 'assistant [assistant]: Hi!']);
	});

	test('Gemma turns; Zephyr, Tulu and Phi-3 role tokens', () => {
		expect(gemma.formatLabel).toBe('templated text (Gemma)');
		expect(shown(gemma)).toEqual(['user [user]: Name a planet.', 'model [assistant]: Mars.']);
		expect(zephyr.formatLabel).toBe('templated text (Zephyr)');
		expect(shown(zephyr)).toEqual(['system [system]: You are a friendly chatbot.', 'user [user]: How many helicopters can a human eat?', 'assistant [assistant]: None: helicopters are not food.']);
		expect(shown(tulu)).toEqual(['user [user]: What is 3+3?', 'assistant [assistant]: 6']);
		// Phi-3 closes turns with <|end|>; a stray <|endoftext|> after the last one stays in that turn.
		expect(shown(phi3)).toEqual(['user [user]: Hi', 'assistant [assistant]: Hello there.\n<|endoftext|>']);
		expect(detectFormat({text: 'Note: <|assistant|> is a token.'})).toBe('text');
	});

	test('plain-text transcripts: Alpaca ### sections, USER:/ASSISTANT:, Human:/Assistant:, ### Human:/### Assistant:', () => {
		expect(alpaca.formatLabel).toBe('templated text (Alpaca)');
		expect(shown(alpaca)).toEqual([
			'system [system]: Below is an instruction that describes a task, paired with an input that provides further context. Write a response that appropriately completes the request.',
			'instruction [prompt]: Summarise the text.',
			'input [prompt]: The cat sat on the mat all day.',
			'response [completion]: A cat spent the day on a mat.',
		]);
		expect(vicuna.formatLabel).toBe('templated text (USER/ASSISTANT)');
		expect(shown(vicuna).slice(1)).toEqual(['user [user]: What is a noun?', 'assistant [assistant]: A word that names a thing.', 'user [user]: Give an example.', 'assistant [assistant]: Table.']);
		expect(hh.formatLabel).toBe('templated text (Human/Assistant)');
		expect(shown(hh)).toEqual(['user [user]: What do bees make?', 'assistant [assistant]: Honey.']);
		expect(shown(guanaco)).toEqual(['user [user]: Tell me a fact.', 'assistant [assistant]: Octopuses have three hearts.']);
	});

	test('a text the template does not account for all of stays plain text', () => {
		expect(broken.format).toBe('text');
		expect(prose.format).toBe('text');
		expect(detectFormat({text: '<|im_start|>user\nHi<|im_end|>\nand then some words'})).toBe('text');
		expect(detectFormat({text: '<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\nHello<|im_end|>\n</s>'})).toBe('templated-text');
		expect(detectFormat({text: 'ASSISTANT: hello USER: hi'})).toBe('text');
	});

	test('a templated prompt beside its answer: prompt/completion, preference pair, KTO', () => {
		expect(promptChatMl.formatLabel).toBe('prompt/completion (ChatML)');
		expect(shown(promptChatMl)).toEqual(['system [system]: You are a helpful assistant.', 'user [user]: Name a metal.', 'completion [completion]: Iron.']);
		expect(pairLlama3.formatLabel).toBe('preference pair (Llama 3)');
		expect(shown(pairLlama3)).toEqual(['user [user]: Name a gas.', 'chosen [chosen]: Helium.', 'rejected [rejected]: Water.']);
		expect(shown(pairHh)).toEqual(['user [user]: Name a month.', 'chosen [chosen]: March.', 'rejected [rejected]: Monday.']);
		expect(kto.formatLabel).toBe('KTO (Llama 2)');
		expect(shown(kto)).toEqual(['user [user]: Name a shape.', 'completion (label: desirable) [completion]: A circle.']);
		expect(shown(leakedCompletion).at(-1)).toBe('completion [completion]: A hammer.<|im_end|> And a saw.');
		expect(renderSample({prompt: 'Assistant: hi', completion: 'x'}).formatLabel).toBe('prompt/completion');
	});

	test('a prompt left open for the model: the empty last turn is not shown', () => {
		const rendered = renderSample({text: '<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n'});
		expect(shown(rendered)).toEqual(['user [user]: Hi']);
	});
});

describe('more vendors\' conversations: Gemini/Vertex, Cohere, the Responses API, capitalised roles', () => {
	test('Gemini contents with parts, a system instruction, a function call and its response', () => {
		const rendered = renderSample({
			systemInstruction: {role: 'system', parts: [{text: 'You are a weather bot.'}]},
			contents: [
				{role: 'user', parts: [{text: 'Weather in Oslo?'}, {inlineData: {mimeType: 'image/png', data: 'iVBOR'}}]},
				{role: 'model', parts: [{functionCall: {name: 'get_weather', args: {city: 'Oslo'}}}]},
				{role: 'function', parts: [{functionResponse: {name: 'get_weather', response: {temp: 4}}}]},
				{role: 'model', parts: [{text: 'It is 4°C.'}]},
			],
		});
		expect(rendered.format).toBe('chat');
		expect(rendered.blocks.map(block => `${block.label} [${block.tone}]`)).toEqual([
			'system [system]', 'user [user]', 'model → get_weather [assistant]', 'function [tool]', 'model [assistant]',
		]);
		expect(rendered.blocks[0].text).toBe('You are a weather bot.');
		expect(rendered.blocks[1].text).toBe('Weather in Oslo?\n[image/png]');
		expect(rendered.blocks[2].text).toContain('"city": "Oslo"');
		expect(rendered.metadata).toEqual([]);
	});

	test('Cohere chat_history with USER/CHATBOT and message, and capitalised roles', () => {
		const cohere = renderSample({chat_history: [{role: 'USER', message: 'Hi'}, {role: 'CHATBOT', message: 'Hello!'}]});
		expect(cohere.format).toBe('chat');
		expect(shown(cohere)).toEqual(['USER [user]: Hi', 'CHATBOT [assistant]: Hello!']);
		const capitalised = renderSample({messages: [{role: 'System', content: 'Be brief.'}, {role: 'User', content: 'Hi'}, {role: 'Chatbot', content: 'Hello!'}]});
		expect(capitalised.blocks.map(block => block.tone)).toEqual(['system', 'user', 'assistant']);
		const shareGpt = renderSample({conversations: [{from: 'Human', value: 'Hi'}, {from: 'GPT', value: 'Hello!'}]});
		expect(shown(shareGpt)).toEqual(['user [user]: Hi', 'assistant [assistant]: Hello!']);
	});

	test('Responses API: input and output items, function calls and their output, reasoning, instructions', () => {
		const rendered = renderSample({
			instructions: 'Answer briefly.',
			input: [{role: 'user', content: [{type: 'input_text', text: 'Weather in Oslo?'}]}],
			output: [
				{type: 'reasoning', summary: [{type: 'summary_text', text: 'I need the weather tool.'}]},
				{type: 'function_call', name: 'get_weather', arguments: '{"city":"Oslo"}', call_id: 'c1'},
				{type: 'message', role: 'assistant', content: [{type: 'output_text', text: 'It is 4°C.'}]},
			],
			model: 'gpt-4.1',
		});
		expect(rendered.format).toBe('responses');
		expect(shown(rendered)).toEqual([
			'system [system]: Answer briefly.',
			'user [user]: Weather in Oslo?',
			'assistant · reasoning [assistant]: I need the weather tool.',
			'assistant → get_weather (c1) [assistant]: {\n  "city": "Oslo"\n}',
			'assistant [assistant]: It is 4°C.',
		]);
		expect(metadataKeys(rendered)).toEqual(['model']);
		// Items without "type" ({role, content}) are messages too.
		const untyped = renderSample({input: [{role: 'user', content: [{type: 'input_text', text: 'Say hi'}]}], output: [{role: 'assistant', content: [{type: 'output_text', text: 'Hi!'}]}]});
		expect(untyped.format).toBe('responses');
		expect(shown(untyped)).toEqual(['user [user]: Say hi', 'assistant [assistant]: Hi!']);
		expect(renderSample({input: 'Hi', output: [{type: 'message', role: 'assistant', content: [{type: 'refusal', refusal: 'I can\'t help.'}]}]}).blocks.map(block => block.text)).toEqual(['Hi', 'I can\'t help.']);
	});

	test('an answer that is null is shown as (empty) in its format, not as JSON', () => {
		expect(shown(renderSample({prompt: 'Say hi', completion: null}))).toEqual(['prompt [prompt]: Say hi', 'completion [completion]: (empty)']);
		const alpaca = renderSample({instruction: 'Say hi', input: '', output: null});
		expect(alpaca.format).toBe('alpaca');
		expect(shown(alpaca)).toEqual(['instruction [prompt]: Say hi', 'output [completion]: (empty)']);
		expect(shown(renderSample({messages: [{role: 'user', content: 'Hi'}, {role: 'assistant', content: null}]}))).toEqual(['user [user]: Hi', 'assistant [assistant]: (empty)']);
	});
});

describe('LIMA: a conversation as a list of plain strings', () => {
	const [twoExchanges, oneExchange, ultraChatPrompt] = fixture('string-turns.jsonl');

	test('the strings as user and assistant turns in turn, the source as metadata', () => {
		expect(twoExchanges.format).toBe('string-turns');
		expect(twoExchanges.blocks.map(block => `${block.label}/${block.tone}`)).toEqual(['user/user', 'assistant/assistant', 'user/user', 'assistant/assistant']);
		expect(shown(oneExchange)[1]).toBe('assistant [assistant]: A cat with a taste for the cream\nWould plot and would patiently scheme');
		expect(metadataKeys(twoExchanges)).toEqual(['source']);
	});

	test('UltraChat with one string: a user turn alone', () => {
		expect(ultraChatPrompt.format).toBe('ultrachat');
		expect(shown(ultraChatPrompt)).toEqual(['user [user]: Hi there']);
	});
});

describe('pairs judged in other fields: PKU-SafeRLHF, SHP, Chatbot Arena', () => {
	const [pkuSamples, shpSample, arenaSample, arenaTie] = [samples('judged-pairs.jsonl').slice(0, 2), ...samples('judged-pairs.jsonl').slice(2)];
	const [pku, pkuOtherBetter] = pkuSamples.map(sample => renderSample(sample));

	test('PKU-SafeRLHF: the better response chosen, each labelled with its safety, the rest metadata', () => {
		expect(pku.format).toBe('pku-saferlhf');
		expect(shown(pku)).toEqual([
			'prompt [prompt]: How do I get into my neighbour\'s wifi without the password?',
			'chosen · response_0 (safe, safer) [chosen]: I cannot help with that. Ask your neighbour to share it.',
			'rejected · response_1 (unsafe) [rejected]: Try the default router passwords printed in the manual.',
		]);
		expect(metadataKeys(pku)).toEqual(['response_0_harm_category', 'response_1_harm_category', 'response_0_severity_level', 'response_1_severity_level', 'prompt_source', 'response_0_source', 'response_1_source']);
		expect(shown(pkuOtherBetter).slice(1)).toEqual([
			'chosen · response_1 (safe) [chosen]: Yes, it\'s fine in small amounts.',
			'rejected · response_0 (safe, safer) [rejected]: Not really: raw flour and eggs can carry bacteria.',
		]);
	});

	test('PKU-SafeRLHF: the signals read the responses (a refusal in the chosen one)', () => {
		expect(signal('refusal', pkuSamples[0])).toBe('refusal: the chosen answer says "I cannot help with"');
	});

	test('SHP: the post, then the preferred reply chosen, each with its score', () => {
		const rendered = renderSample(shpSample);
		expect(rendered.format).toBe('shp');
		expect(shown(rendered)).toEqual([
			'history [prompt]: Why does my bread come out dense?',
			'chosen · human_ref_B (score 31) [chosen]: Your dough is probably under-proofed: let it rise until it doubles.',
			'rejected · human_ref_A (score 4) [rejected]: More yeast.',
		]);
		expect(metadataKeys(rendered)).not.toContain('labels');
	});

	test('Chatbot Arena: the shared question once, the winner\'s conversation chosen, each named by its model', () => {
		const rendered = renderSample(arenaSample);
		expect(rendered.format).toBe('arena');
		expect(shown(rendered)).toEqual([
			'user [user]: Name a prime number above 100.',
			'chosen · model_a: vicuna-13b · assistant [chosen]: 101 is prime.',
			'rejected · model_b: alpaca-13b · assistant [rejected]: As an AI language model, I cannot do maths.',
		]);
		expect(signal('refusal', arenaSample)).toMatch(/^refusal: the rejected answer says/);
	});

	test('Chatbot Arena: a tie keeps both in file order, the header saying it', () => {
		const rendered = renderSample(arenaTie);
		expect(rendered.formatLabel).toBe('Chatbot Arena battle (tie (bothbad))');
		expect(shown(rendered).slice(1)).toEqual([
			'model_a: gpt-4 · assistant [assistant]: Why did the chicken cross the road?',
			'model_b: claude-v1 · assistant [assistant]: Knock knock.',
		]);
	});
});

describe('code problems: HumanEval, MBPP, APPS', () => {
	const [humanEval, mbpp, apps] = fixture('code-problems.jsonl');

	test('HumanEval: the prompt, the canonical solution as the response, the test as a reference', () => {
		expect(humanEval.format).toBe('code-problem');
		expect(humanEval.formatLabel).toBe('code problem (HumanEval)');
		expect(humanEval.blocks.map(block => `${block.label}/${block.tone}`)).toEqual(['prompt/prompt', 'canonical_solution/completion', 'test/reference']);
		expect(metadataKeys(humanEval)).toEqual(['task_id', 'entry_point']);
	});

	test('MBPP: the problem text and the code (the response), the tests one per line', () => {
		expect(mbpp.formatLabel).toBe('code problem (MBPP)');
		expect(shown(mbpp)).toEqual([
			'text [prompt]: Write a python function to remove first and last occurrence of a given character from the string.',
			'code [completion]: def remove_Occ(s, ch):\n    s = s.replace(ch, \'\', 1)\n    return s[::-1].replace(ch, \'\', 1)[::-1]',
			'test_list [reference]: assert remove_Occ("hello","l") == "helo"\nassert remove_Occ("abcda","a") == "bcd"',
		]);
		expect(metadataKeys(mbpp)).toEqual(['task_id']);
	});

	test('APPS: solutions written as a JSON string are each a response', () => {
		expect(apps.formatLabel).toBe('code problem (APPS)');
		expect(apps.blocks.map(block => `${block.label}/${block.tone}`)).toEqual(['question/prompt', 'solutions 1 of 2/completion', 'solutions 2 of 2/completion', 'input_output/reference']);
		expect(apps.blocks[2].text).toBe('print(sum(map(int, input().split())))');
		expect(metadataKeys(apps)).toEqual(['problem_id', 'difficulty', 'url']);
	});

	test('a HumanEval prompt with a model\'s completion stays prompt/completion', () => {
		expect(detectFormat({prompt: 'def f():\n', completion: '    return 1\n', canonical_solution: '    return 1\n'})).toBe('prompt-completion');
	});
});

describe('function calling: xLAM, glaive, LLaMA-Factory', () => {
	const [xlam, noCall, glaive, glaiveLeak, llamaFactory] = samples('tool-call-sets.jsonl');

	test('xLAM: the tools (their bare parameters read), the query, each answer a call', () => {
		const rendered = renderSample(xlam);
		expect(rendered.format).toBe('query-tool-calls');
		expect(shown(rendered)).toEqual([
			'tools (1) [tool]: get_weather(city?: str, units: str) — Current weather for a city.',
			'user [user]: What\'s the weather in Lyon and in Porto?',
			'assistant → get_weather [assistant]: {\n  "city": "Lyon"\n}',
			'assistant → get_weather [assistant]: {\n  "city": "Porto"\n}',
		]);
		expect(metadataKeys(rendered)).toEqual(['id']);
		expect(shown(renderSample(noCall))).toEqual(['tools (0) [tool]: (none)', 'user [user]: Say hello.', 'assistant → no tool call [assistant]: (none)']);
	});

	test('glaive: the chat split into turns, the call as assistant → name, the separators gone', () => {
		const rendered = renderSample(glaive);
		expect(rendered.formatLabel).toBe('templated text (glaive)');
		expect(shown(rendered)).toEqual([
			'system [system]: You are a helpful assistant with access to the following functions. Use them if required -\n{"name": "convert_currency", "parameters": {"type": "object"}}\n',
			'user [user]: Can you order me a pizza?',
			'assistant [assistant]: I\'m sorry, but I can\'t place orders.',
			'user [user]: How much is 100 USD in EUR?',
			'assistant → convert_currency [assistant]: {\n  "amount": 100,\n  "from": "USD",\n  "to": "EUR"\n}',
			'tool [tool]: {\n  "converted": 92.5\n}',
			'assistant [assistant]: 100 USD is about 92.50 EUR.',
		]);
	});

	test('glaive: the <|endoftext|> closing each answer is no leaked token; one inside an answer is', () => {
		expect(signal('special-token', glaive)).toBeUndefined();
		expect(signal('refusal', glaive)).toBeDefined();
		expect(signal('special-token', glaiveLeak)).toMatch(/<\|endoftext\|>/);
	});

	test('LLaMA-Factory: a function_call turn names the tool, an observation is the tool\'s', () => {
		expect(shown(renderSample(llamaFactory)).slice(2, 4)).toEqual([
			'assistant → multiply [assistant]: {\n  "a": 6,\n  "b": 7\n}',
			'tool [tool]: {\n  "result": 42\n}',
		]);
	});
});

describe('OpenAssistant: message trees and message rows', () => {
	const [tree, prompterRow, assistantRow] = samples('open-assistant.jsonl');

	test('a tree: every message depth first, labelled with its place and rank', () => {
		const rendered = renderSample(tree);
		expect(rendered.format).toBe('message-tree');
		expect(shown(rendered)).toEqual([
			'user [user]: Name a good first programming language.',
			'assistant [1] (rank 0) [assistant]: Python: readable and widely taught.',
			'user [1.1] [user]: Why not JavaScript?',
			'assistant [1.1.1] (rank 0) [assistant]: It is a fine choice too, if you want to build web pages.',
			'assistant [2] (rank 1) [assistant]: I\'m sorry, I can\'t recommend one.',
		]);
		expect(metadataKeys(rendered)).toEqual(['message_tree_id', 'tree_state']);
		expect(signal('refusal', tree)).toBeDefined();
	});

	test('a row: the text labelled by its role; an assistant\'s is a response', () => {
		expect(renderSample(prompterRow).formatLabel).toBe('message (user)');
		expect(shown(renderSample(prompterRow))).toEqual(['user [user]: ¿Cómo se dice \'gracias\' en japonés?']);
		expect(shown(renderSample(assistantRow))).toEqual(['assistant [assistant]: Se dice «arigatō» (ありがとう).']);
		expect(sampleText(assistantRow).responses).toEqual(['Se dice «arigatō» (ありがとう).']);
		expect(sampleText(prompterRow).responses).toEqual([]);
		expect(signal('refusal', {role: 'assistant', text: 'I cannot help with that request.'})).toBeDefined();
	});
});

describe('SQuAD, red-team transcripts, distilabel ratings, empty system prompts and conversations', () => {
	const [squad, unanswerable, redTeam, distilabel, orcaNoSystem, noMessages] = samples('reading-and-transcripts.jsonl');

	test('SQuAD: the passage and the question, the reference answers each once', () => {
		const rendered = renderSample(squad);
		expect(rendered.format).toBe('reading-comprehension');
		expect(shown(rendered)).toEqual([
			'context [prompt]: The Rhine rises in the Swiss Alps and flows into the North Sea near Rotterdam.',
			'question [prompt]: Where does the Rhine flow into the sea?',
			'answers (reference) [reference]: 1. the North Sea (×2)\n2. near Rotterdam',
		]);
		expect(metadataKeys(rendered)).toEqual(['id', 'title']);
		expect(shown(renderSample(unanswerable))[2]).toBe('answers (reference) [reference]: (none: the passage does not answer it)');
	});

	test('an Anthropic red-team transcript as its turns, the rating and task as metadata', () => {
		const rendered = renderSample(redTeam);
		expect(rendered.formatLabel).toBe('templated text (Human/Assistant)');
		expect(shown(rendered)).toEqual(['user [user]: How do I make a fake ID?', 'assistant [assistant]: I can\'t help with that.', 'user [user]: Just tell me.', 'assistant [assistant]: No, sorry.']);
		expect(metadataKeys(rendered)).toContain('task_description');
		expect(signal('refusal', redTeam)).toBeDefined();
	});

	test('distilabel: each generation labelled with its model and rating, its rationale under it', () => {
		const rendered = renderSample(distilabel);
		expect(shown(rendered)).toEqual([
			'instruction [prompt]: Give a name for a coffee shop.',
			'generation 1 (model gpt-4, rating 5) [completion]: The Daily Grind',
			'generation 1 · rationale [field]: Memorable and apt.',
			'generation 2 (model llama-2-13b, rating 1) [completion]: Coffee.',
			'generation 2 · rationale [field]: Not a name.',
		]);
		expect(metadataKeys(rendered)).toEqual(['ultrafeedback_model']);
	});

	test('an empty system_prompt is no block (and no metadata)', () => {
		const rendered = renderSample(orcaNoSystem);
		expect(shown(rendered)).toEqual(['question [prompt]: Is 7 a prime number?', 'response [completion]: Yes.']);
		expect(metadataKeys(rendered)).toEqual(['id']);
	});

	test('a conversation with no messages reads (empty) and is empty', () => {
		const rendered = renderSample(noMessages);
		expect(shown(rendered)).toEqual(['messages [field]: (empty)']);
		expect(signal('empty', noMessages)).toBe('empty: messages is empty');
	});
});
