import {describe, expect, test} from 'vitest';
import {detectFormat, renderSample, type RenderedSample} from '../source/dataset/formats/index.js';
import {isProse, keyFamily} from '../source/dataset/formats/key-families.js';
import {contentKey} from '../source/dataset/signals/duplicate.js';
import {defaultSignalConfig, sampleSignals, sampleText, type SignalName} from '../source/dataset/signals/index.js';

// Samples in no known shape read by their keys' names (formats/key-families.ts): a prompt with its response(s), two
// answers told apart by a side, numbered turns, a wrapped sample, SciQ's distractors. Rows written here, in several
// languages; each family is shown with the right roles, and a refusal or a loop planted in it is found.

function shown(rendered: RenderedSample): string[] {
	return rendered.blocks.map(({label, tone, text}) => `${label} [${tone}]: ${text}`);
}

function fired(sample: unknown): SignalName[] {
	const text = sampleText(sample);
	return sampleSignals.filter(item => item.make(defaultSignalConfig)(text) !== undefined).map(item => item.name);
}

const refusalEn = "I'm sorry, but I can't help with that request.";
const refusalDe = 'Es tut mir leid, aber dabei kann ich Ihnen nicht helfen.';
const refusalEs = 'Lo siento, pero no puedo ayudarte con esa solicitud.';
const refusalZh = '抱歉，我无法帮助您完成这个请求。';
const loop = (sentence: string) => Array.from({length: 30}, () => sentence).join(' ');

describe('key families', () => {
	test('keys are read by their words, in any case and spelling', () => {
		expect(['prompt', 'INSTRUCTION', 'question', 'problem', 'post', 'userQuery', 'input_text'].map(key => keyFamily(key))).toEqual(Array.from({length: 7}, () => 'prompt'));
		expect(['label', 'RESPONSE', 'generation', 'generated_solution', 'long_answer', 'summary', 'highlights', 'tldr', 'pos_resp', 'response_2', 'target_text', 'modelOutput'].map(key => keyFamily(key))).toEqual(Array.from({length: 12}, () => 'response'));
		expect(['id', 'question_id', 'answer_ids', 'url', 'created_at', 'model_name', 'category', 'pubid', 'METADATA'].map(key => keyFamily(key))).toEqual(Array.from({length: 9}, () => 'metadata'));
		expect(['context', 'passage', 'support', 'article'].map(key => keyFamily(key))).toEqual(['context', 'context', 'context', 'context']);
	});

	test('prose without spaces: Chinese, Japanese and Thai by length and punctuation; codes, urls and JSON text are not prose', () => {
		expect(isProse('请用三句话介绍一下长城的历史。')).toBe(true);
		expect(isProse('今日は天気がいいですね。散歩に行きましょう')).toBe(true);
		expect(isProse('ประเทศไทยมีจังหวัดทั้งหมดเจ็ดสิบหกจังหวัด')).toBe(true);
		expect(isProse('什么是光合作用？')).toBe(true);
		expect(isProse('拒绝为主')).toBe(false);
		expect(isProse('gsm8k_aug')).toBe(false);
		expect(isProse('https://example.org/a/b?c=d')).toBe(false);
		expect(isProse('{"question_id": 12, "upvotes": "3万"}')).toBe(false);
	});
});

describe('a prompt and its response under any family names', () => {
	test('prompt/label (a TL;DR set), in Spanish: the label is the response, and a refusal in it is found', () => {
		const sample = {prompt: 'SUBREDDIT: r/espanol\nPOST: Mi vecino toca la batería todas las noches hasta tarde.\nTL;DR:', label: 'El vecino hace ruido por la noche y no sé qué hacer.'};
		expect(shown(renderSample(sample))).toEqual([
			'prompt [prompt]: SUBREDDIT: r/espanol\nPOST: Mi vecino toca la batería todas las noches hasta tarde.\nTL;DR:',
			'label [completion]: El vecino hace ruido por la noche y no sé qué hacer.',
		]);
		expect(renderSample(sample).formatLabel).toBe('prompt/response (prompt/label)');
		expect(fired({...sample, label: refusalEs})).toContain('refusal');
	});

	test('INSTRUCTION/RESPONSE in Chinese (no spaces): both are blocks, the source and a METADATA JSON text stay metadata', () => {
		const sample = {INSTRUCTION: '请用三句话介绍一下长城的历史。', RESPONSE: '长城始建于春秋战国时期，秦朝把各段连接起来，明朝又大规模重修。', SOURCE: 'Zhihu', METADATA: '{"question_id": 7, "upvotes": "2万"}'};
		const rendered = renderSample(sample);
		expect(shown(rendered)).toEqual([
			'INSTRUCTION [prompt]: 请用三句话介绍一下长城的历史。',
			'RESPONSE [completion]: 长城始建于春秋战国时期，秦朝把各段连接起来，明朝又大规模重修。',
		]);
		expect(rendered.metadata.map(entry => entry.key)).toEqual(['SOURCE', 'METADATA']);
		expect(fired({...sample, RESPONSE: refusalZh})).toContain('refusal');
		// The same content with other metadata is a duplicate.
		expect(contentKey(sampleText({...sample, METADATA: '{"question_id": 8}'}))).toEqual(contentKey(sampleText(sample)));
	});

	test('problem/generated_solution with its expected answer as the reference; a loop in the solution is found', () => {
		const sample = {problem: 'Ein Zug fährt 120 km in 2 Stunden. Wie schnell fährt er?', generated_solution: 'Geschwindigkeit = 120 / 2 = 60 km/h.\n\\boxed{60}', expected_answer: '60', problem_source: 'augmented_math'};
		expect(shown(renderSample(sample))).toEqual([
			'problem [prompt]: Ein Zug fährt 120 km in 2 Stunden. Wie schnell fährt er?',
			'generated_solution [completion]: Geschwindigkeit = 120 / 2 = 60 km/h.\n\\boxed{60}',
			'reference (expected_answer) [reference]: 60',
		]);
		expect(fired({...sample, generated_solution: loop('Der Zug fährt sechzig Kilometer in jeder Stunde weiter.')})).toContain('repetition');
	});

	test('instruction/generation beside distilabel-style metadata; a refusal is found', () => {
		const sample = {instruction: 'Nomme trois fleuves de France.', generation: 'La Loire, la Seine et le Rhône.', distilabel_metadata: {raw_output: 'La Loire, la Seine et le Rhône.'}, model_name: 'some/model-7b'};
		expect(shown(renderSample(sample))).toEqual(['instruction [prompt]: Nomme trois fleuves de France.', 'generation [completion]: La Loire, la Seine et le Rhône.']);
		expect(fired({...sample, generation: refusalEn})).toContain('refusal');
	});

	test('a post repeated under several keys is shown once; the summary is the response', () => {
		const post = 'Mein Mitbewohner lässt jeden Abend das Licht im Flur brennen, und ich zahle die halbe Stromrechnung.';
		const sample = {author: 'someone1', body: post, normalizedBody: post, content: post, summary: 'Mitbewohner verschwendet Strom.', id: 'x1'};
		expect(shown(renderSample(sample))).toEqual([`body [prompt]: ${post}`, 'summary [completion]: Mitbewohner verschwendet Strom.']);
		expect(fired({...sample, summary: loop('Das Licht brennt immer noch im Flur.')})).toContain('repetition');
	});

	test("PubMedQA's shape: the abstract as the question's context, long_answer the response, the yes/no decision metadata", () => {
		const sample = {pubid: 123, question: '¿Reduce el ejercicio la presión arterial?', context: {contexts: ['Se estudiaron 200 adultos durante un año.', 'La presión bajó en el grupo activo.'], labels: ['METHODS', 'RESULTS']}, long_answer: 'Sí, el ejercicio regular redujo la presión arterial sistólica.', final_decision: 'yes'};
		const rendered = renderSample(sample);
		expect(shown(rendered)).toEqual([
			'context.contexts [prompt]: Se estudiaron 200 adultos durante un año.\n\nLa presión bajó en el grupo activo.',
			'question [prompt]: ¿Reduce el ejercicio la presión arterial?',
			'long_answer [completion]: Sí, el ejercicio regular redujo la presión arterial sistólica.',
		]);
		expect(rendered.metadata.map(entry => entry.key)).toEqual(['pubid', 'final_decision', 'context.labels']);
		expect(fired({...sample, long_answer: refusalEs})).toContain('refusal');
	});

	test("ELI5's answers {text: [...], score: [...]}: one response each, scored", () => {
		const sample = {q_id: 'abc', title: 'Why is the sky blue during the day?', selftext: '', answers: {a_id: ['a1', 'a2'], text: ['Air scatters blue light more than red light.', 'Because of Rayleigh scattering by molecules.'], score: [12, 4]}, answers_urls: {url: []}};
		expect(shown(renderSample(sample))).toEqual([
			'title [prompt]: Why is the sky blue during the day?',
			'answers[0] (score 12) [completion]: Air scatters blue light more than red light.',
			'answers[1] (score 4) [completion]: Because of Rayleigh scattering by molecules.',
		]);
		const planted = {...sample, answers: {...sample.answers, text: [refusalEn, loop('The sky is blue because it is blue.')]}};
		expect(fired(planted)).toEqual(expect.arrayContaining(['refusal', 'repetition']));
	});

	test("summarize_from_feedback's comparisons: the post one level down, summaries[choice] chosen", () => {
		const sample = {info: {id: 't3_x', post: 'I adopted a cat last week and she hides under the bed all day.', title: 'New cat hiding', subreddit: 'cats'}, summaries: [{text: ' New cat is shy and hides.', policy: 'sup1'}, {text: ' Cat likes beds.', policy: 'ref'}], choice: 1, worker: 'w1'};
		const rendered = renderSample(sample);
		expect(shown(rendered)).toEqual([
			'info.post [prompt]: I adopted a cat last week and she hides under the bed all day.',
			'info.title [prompt]: New cat hiding',
			'chosen · summaries[1] (policy ref) [chosen]:  Cat likes beds.',
			'rejected · summaries[0] (policy sup1) [rejected]:  New cat is shy and hides.',
		]);
		expect(rendered.metadata.map(entry => entry.key)).toEqual(['worker', 'info.id', 'info.subreddit']);
		expect(fired({...sample, summaries: [{text: refusalEn, policy: 'a'}, {text: 'ok fine then', policy: 'b'}]})).toContain('refusal');
	});

	test('ids, urls, dates, model names and categories stay metadata, whatever their text', () => {
		const sample = {query_id: 'q-17', user_query: 'Wie lange kocht man ein weiches Ei?', model_name: 'acme chat large v2', created_at: '2024-03-01 10:00', source_url: 'https://example.org/eier', category: 'Küche und Kochen', model_output: 'Etwa sechs Minuten in kochendem Wasser.'};
		const rendered = renderSample(sample);
		expect(shown(rendered)).toEqual(['user_query [prompt]: Wie lange kocht man ein weiches Ei?', 'model_output [completion]: Etwa sechs Minuten in kochendem Wasser.']);
		expect(rendered.metadata.map(entry => entry.key)).toEqual(['query_id', 'model_name', 'created_at', 'source_url', 'category']);
	});

	test('a short response-like value is the response only when there is no prose one', () => {
		expect(shown(renderSample({question: 'Is water wet, in your view?', final_decision: 'maybe'}))).toEqual(['question [prompt]: Is water wet, in your view?', 'final_decision [completion]: maybe']);
		expect(detectFormat({text_id: 'a', category: 'positive label'})).not.toBe('field-pair');
	});
});

describe('two answers told apart by a side', () => {
	test('pos_resp/neg_resp in Chinese (CValues): the positive one chosen; a refusal in it is found', () => {
		const sample = {prompt: '我心情不好，应该怎么办？', pos_resp: '可以先和信任的朋友聊一聊，也可以寻求专业心理咨询的帮助。', neg_resp: '随便吧，睡一觉就好了。', pos_type: '建议', neg_type: '风险'};
		const rendered = renderSample(sample);
		expect(shown(rendered)).toEqual([
			'prompt [prompt]: 我心情不好，应该怎么办？',
			'chosen · pos_resp [chosen]: 可以先和信任的朋友聊一聊，也可以寻求专业心理咨询的帮助。',
			'rejected · neg_resp [rejected]: 随便吧，睡一觉就好了。',
		]);
		expect(rendered.metadata.map(entry => entry.key)).toEqual(['pos_type', 'neg_type']);
		expect(fired({...sample, neg_resp: refusalZh})).toContain('refusal');
	});

	test('response_1/response_2 with a preference strength: its sign says which is chosen, 0 is a tie', () => {
		const sample = {prompt: 'Wie heißt die Hauptstadt von Kanada?', response_1: 'Die Hauptstadt ist Toronto.', response_2: 'Die Hauptstadt von Kanada ist Ottawa.', preference_strength: 2};
		expect(shown(renderSample(sample))).toEqual([
			'prompt [prompt]: Wie heißt die Hauptstadt von Kanada?',
			'chosen · response_2 [chosen]: Die Hauptstadt von Kanada ist Ottawa.',
			'rejected · response_1 [rejected]: Die Hauptstadt ist Toronto.',
		]);
		expect(shown(renderSample({...sample, preference_strength: -1}))[1]).toBe('chosen · response_1 [chosen]: Die Hauptstadt ist Toronto.');
		expect(renderSample({...sample, preference_strength: 0}).blocks.map(block => block.tone)).toEqual(['prompt', 'completion', 'completion']);
		expect(fired({...sample, response_1: refusalDe})).toContain('refusal');
		expect(fired({...sample, response_2: loop('Ottawa ist die Hauptstadt.')})).toContain('repetition');
	});

	test('chosen_response/rejected_response: the chosen one first', () => {
		const sample = {question: 'Quelle est la capitale du Canada ?', rejected_response: 'Toronto.', chosen_response: 'Ottawa.'};
		expect(shown(renderSample(sample))).toEqual([
			'question [prompt]: Quelle est la capitale du Canada ?',
			'chosen · chosen_response [chosen]: Ottawa.',
			'rejected · rejected_response [rejected]: Toronto.',
		]);
	});

	test('a context chat list with response1/response2 and an overall preference (HelpSteer3)', () => {
		const sample = {domain: 'general', context: [{role: 'user', content: 'Give me a word that rhymes with cat.'}, {role: 'assistant', content: 'Hat.'}, {role: 'user', content: 'Another one?'}], response1: 'Bat.', response2: 'Dog.', overall_preference: -3};
		expect(shown(renderSample(sample))).toEqual([
			'user [user]: Give me a word that rhymes with cat.',
			'assistant [assistant]: Hat.',
			'user [user]: Another one?',
			'chosen · response1 [chosen]: Bat.',
			'rejected · response2 [rejected]: Dog.',
		]);
		expect(fired({...sample, response2: refusalEn})).toContain('refusal');
	});
});

describe('numbered turns (MOSS-003)', () => {
	const sample = {
		conversation_id: 5,
		meta_instruction: 'You are an AI assistant whose name is MOSS.',
		chat: {
			turn_2: {Human: '<|Human|>: 谢谢！再推荐一本书吧。<eoh>\n', 'Inner Thoughts': '<|Inner Thoughts|>: None<eot>\n', MOSS: '<|MOSS|>: 推荐《三体》，这是一部很受欢迎的科幻小说。<eom>\n'},
			turn_1: {Human: '<|Human|>: 你好，你是谁？<eoh>\n', 'Inner Thoughts': '<|Inner Thoughts|>: 用户在问我的身份。<eot>\n', Commands: '<|Commands|>: None<eoc>\n', 'Tool Responses': '<|Results|>: None<eor>\n', MOSS: '<|MOSS|>: 你好，我是MOSS，一个人工智能助手。<eom>\n'},
		},
		category: 'helpful_zh',
	};

	test('turns in order, read as the MOSS template they are written in, "None" steps skipped, thoughts as reasoning', () => {
		const rendered = renderSample(sample);
		expect(rendered.formatLabel).toBe('numbered turns (bracketed roles)');
		expect(shown(rendered)).toEqual([
			'meta_instruction [system]: You are an AI assistant whose name is MOSS.',
			'user [user]: 你好，你是谁？',
			'inner thoughts [assistant]: 用户在问我的身份。',
			'MOSS [assistant]: 你好，我是MOSS，一个人工智能助手。',
			'user [user]: 谢谢！再推荐一本书吧。',
			'MOSS [assistant]: 推荐《三体》，这是一部很受欢迎的科幻小说。',
		]);
		expect(rendered.blocks[2].reasoning).toBe(true);
		expect(fired(sample)).toEqual([]);
	});

	test('a refusal and a leaked token in an answer are found; other samples are not duplicates', () => {
		const planted = {...sample, chat: {turn_1: {Human: '<|Human|>: 你好<eoh>\n', MOSS: `<|MOSS|>: ${refusalZh}<|im_end|><eom>\n`}}};
		expect(fired(planted)).toEqual(expect.arrayContaining(['refusal', 'special-token']));
		expect(contentKey(sampleText(planted))).not.toEqual(contentKey(sampleText(sample)));
	});
});

describe('numbered turns of plain texts', () => {
	test('each text by its speaker: a known role, else the first the user and the others the assistant', () => {
		const sample = {dialogue_id: 9, turns: {round_2: {user: '¿Y mañana?', Ayudante: 'Mañana lloverá.'}, round_1: {user: '¿Qué tiempo hace hoy en Madrid?', Ayudante: 'Hace sol y 25 grados.'}}};
		expect(shown(renderSample(sample))).toEqual([
			'user [user]: ¿Qué tiempo hace hoy en Madrid?',
			'Ayudante [assistant]: Hace sol y 25 grados.',
			'user [user]: ¿Y mañana?',
			'Ayudante [assistant]: Mañana lloverá.',
		]);
		expect(fired({...sample, turns: {round_1: {user: 'Hola', Ayudante: refusalEs}}})).toContain('refusal');
	});
});

describe('a sample wrapped one level down', () => {
	test('data: {instruction, output} is that shape, its own metadata under dotted keys; a loop is found', () => {
		const sample = {id: 'r-1', meta: {temperature: 0.7}, data: {instruction: 'Escribe una frase sobre el mar.', output: 'El mar brilla bajo el sol de la tarde.', source: 'gen-v2'}};
		const rendered = renderSample(sample);
		expect(rendered.formatLabel).toBe('Alpaca (in data)');
		expect(shown(rendered)).toEqual(['instruction [prompt]: Escribe una frase sobre el mar.', 'output [completion]: El mar brilla bajo el sol de la tarde.']);
		expect(rendered.metadata.map(entry => entry.key)).toEqual(['id', 'meta', 'data.source']);
		expect(fired({...sample, data: {...sample.data, output: loop('El mar es azul y brilla.')}})).toContain('repetition');
	});

	test('sample: {messages} is a chat; the same content under another id is a duplicate', () => {
		const sample = {id: 'a', sample: {messages: [{role: 'user', content: 'Ciao!'}, {role: 'assistant', content: refusalEn}]}};
		expect(shown(renderSample(sample))).toEqual(['user [user]: Ciao!', `assistant [assistant]: ${refusalEn}`]);
		expect(fired(sample)).toContain('refusal');
		expect(contentKey(sampleText({...sample, id: 'b'}))).toEqual(contentKey(sampleText(sample)));
	});
});

describe("SciQ's correct answer beside distractors", () => {
	test('a multiple choice, the correct answer marked and the answer block in its own words', () => {
		const sample = {question: 'Welches Gas nehmen Pflanzen bei der Photosynthese auf?', distractor3: 'Helium', distractor1: 'Sauerstoff', distractor2: 'Stickstoff', correct_answer: 'Kohlendioxid', support: 'Pflanzen nehmen Kohlendioxid aus der Luft auf.'};
		expect(shown(renderSample(sample))).toEqual([
			'support [prompt]: Pflanzen nehmen Kohlendioxid aus der Luft auf.',
			'question [prompt]: Welches Gas nehmen Pflanzen bei der Photosynthese auf?',
			'options (4) [field]: (A) Kohlendioxid   ← answer\n(B) Sauerstoff\n(C) Stickstoff\n(D) Helium',
			'answer (A, correct_answer) [completion]: Kohlendioxid',
		]);
		expect(fired({...sample, correct_answer: refusalDe})).toContain('refusal');
	});
});

describe('text fields in scripts without spaces', () => {
	test('Chinese and Japanese prose under keys of no family are text fields, a short category stays metadata', () => {
		const sample = {标题: '如何在家里种植番茄？', 正文: '首先选择阳光充足的地方，然后准备疏松肥沃的土壤，每天浇水一次。', 分类: '园艺', 日本語: '東京は日本の首都で、人口が最も多い都市です。'};
		const rendered = renderSample(sample);
		expect(rendered.format).toBe('fields');
		expect(rendered.blocks.map(block => block.label)).toEqual(['标题', '正文', '日本語']);
		expect(rendered.metadata.map(entry => entry.key)).toEqual(['分类']);
	});
});

describe('the JSON fallback', () => {
	test('the duplicate key leaves out ids and metadata-like fields at any depth', () => {
		const sample = {id: 1, created_at: '2024-01-01', payload: {steps: [3, 1, 2], note_url: 'https://x.test/1'}};
		expect(detectFormat(sample)).toBe('json');
		expect(contentKey(sampleText({...sample, id: 2, created_at: '2024-02-02', payload: {...sample.payload, note_url: 'https://x.test/2'}}))).toEqual(contentKey(sampleText(sample)));
		expect(contentKey(sampleText({...sample, payload: {...sample.payload, steps: [1, 2, 3]}}))).not.toEqual(contentKey(sampleText(sample)));
	});
});
