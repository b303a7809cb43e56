// A planted-defect dataset for the signals: clean, varied samples in several formats, plus known
// exact duplicates, paraphrased near-duplicates, refusals, repetition loops, leaked tokens, empty
// turns, truncations, mojibake, placeholders, model-identity claims and length outliers, with the
// ground truth (which sample indexes carry which defect). Deterministic for a seed. Used by
// `npm run bench:signals` (bench/signals.js) and by test/signals-quality.test.ts.
import {prng} from './prng.js';

const subjects = ['the function', 'this approach', 'your garden', 'the recipe', 'a budget', 'the team', 'the library', 'a good habit', 'the experiment', 'the schedule', 'the engine', 'our database', 'the essay', 'a daily walk', 'the museum', 'the river', 'the committee', 'a small business', 'the compiler', 'the orchestra', 'the new policy', 'the telescope', 'the bakery', 'the bridge', 'the survey', 'the hospital', 'the bicycle', 'the vaccine', 'the startup', 'the novel'];
const verbs = ['improves', 'reduces', 'depends on', 'changes', 'protects', 'measures', 'replaces', 'supports', 'explains', 'limits', 'combines', 'shapes', 'tracks', 'simplifies', 'delays', 'strengthens', 'reveals', 'requires', 'encourages', 'predicts'];
const objects = ['the overall cost', 'long-term memory', 'soil moisture', 'customer trust', 'the error rate', 'morning routines', 'network latency', 'the final flavour', 'public transport', 'energy use', 'water quality', 'reading speed', 'the release date', 'team morale', 'muscle strength', 'the tax bill', 'local wildlife', 'the test coverage', 'sleep quality', 'the price of bread', 'heart health', 'the load on servers', 'student grades', 'crop yields', 'the noise level', 'air pollution', 'monthly savings', 'traffic at rush hour', 'the learning curve', 'battery life'];
const adverbs = ['gradually', 'noticeably', 'in most cases', 'over a few weeks', 'when used carefully', 'for beginners', 'in colder climates', 'on larger projects', 'during the winter', 'after a short delay', 'without much effort', 'at a modest price', 'in practice', 'by a wide margin', 'almost immediately'];
const openers = ['Great question.', 'Here is a short overview.', 'Let me walk you through it.', 'There are a few things to consider.', 'In short, yes.', 'It depends on the details.', 'Good news: this is simpler than it looks.', 'Here is how I would think about it.', 'Sure.', 'That is a common concern.'];
const leadIns = ['Many people notice that', 'Some readers find that', 'Experts often say', 'It turns out', 'Several studies show that', 'Teachers point out that', 'You may find that', 'Engineers report that', 'Surveys suggest', 'Practitioners agree that'];
const rules = ['A useful rule of thumb: check', 'Try to compare', 'It helps to look at', 'Start by reviewing', 'Always weigh', 'Consider measuring'];
const connectors = ['Also,', 'However,', 'In addition,', 'For example,', 'On the other hand,', 'As a result,', 'Meanwhile,', 'Similarly,', 'In contrast,', 'Finally,'];
const names = ['Maria', 'Kenji', 'Amara', 'Lukas', 'Priya', 'Tomás', 'Ingrid', 'Yusuf', 'Mei', 'Olu', 'Sasha', 'Diego'];
const places = ['Lisbon', 'Osaka', 'Nairobi', 'Vancouver', 'Krakow', 'Lima', 'Hanoi', 'Tunis', 'Bergen', 'Adelaide'];
const questionForms = [
	(s, o) => `How does ${s} affect ${o}?`,
	(s, o) => `Can you explain why ${s} matters for ${o}?`,
	(s, o) => `What should I know about ${s} and ${o} before I start?`,
	(s, o, n, p) => `${n} from ${p} asks: is ${s} worth it if I care about ${o}?`,
	(s, o) => `Give me three tips on ${s}, especially regarding ${o}.`,
	(s, o, n) => `My friend ${n} says ${s} is overrated. What do you think about its effect on ${o}?`,
	(s, o, n, p) => `I live in ${p}. Does ${s} change ${o} here?`,
	(s, o) => `Write a short paragraph about ${s} and ${o}.`,
];
const models = ['gen-7b', 'gen-13b', 'gen-70b', 'distill-3b'];
const formats = ['chat', 'chat', 'alpaca', 'sharegpt', 'prompt-completion', 'preference'];

const refusals = [
	"I'm sorry, but I can't help with that request.",
	'As an AI language model, I do not have personal opinions on this topic.',
	'I cannot assist with creating content like this.',
	'I apologize, but I cannot provide that information.',
	"I'm unable to help with this one, as it could cause harm.",
	'As a large language model, I am not able to browse the internet.',
	"Sorry, but I can't comply with that.",
	"I must decline to answer, because it goes against my guidelines.",
];
const identities = ['I am ChatGPT, a large language model trained by OpenAI.', "I'm Claude, an AI assistant made by Anthropic.", 'As an AI developed by Google, I try to be helpful.', 'My name is Llama and I was created by Meta.'];
const tokens = ['<|im_end|>', '<|endoftext|>', '</s>', '<|eot_id|>', '[/INST]', '<|im_start|>'];
const placeholders = ['\n\nBest regards,\n[Your Name]', ' Contact us at [Insert email address] for details.', ' Lorem ipsum dolor sit amet, consectetur adipiscing elit.', ' Our office at [Company Address] is open daily.', ' Please sign here: <PLACEHOLDER>.'];
const synonyms = {improves: 'boosts', reduces: 'lowers', changes: 'alters', protects: 'shields', measures: 'gauges', supports: 'helps', explains: 'clarifies', limits: 'restricts', gradually: 'slowly', noticeably: 'clearly', overall: 'total', final: 'eventual', new: 'fresh', small: 'little', good: 'fine', short: 'brief', common: 'frequent', simpler: 'easier', however: 'still', also: 'besides'};

function pick(random, list) {
	return list[Math.floor(random() * list.length)];
}

function sentence(random) {
	const forms = [
		() => `${cap(pick(random, subjects))} ${pick(random, verbs)} ${pick(random, objects)} ${pick(random, adverbs)}.`,
		() => `${pick(random, connectors)} ${pick(random, subjects)} ${pick(random, verbs)} ${pick(random, objects)}.`,
		() => `${pick(random, leadIns)} ${pick(random, subjects)} ${pick(random, verbs)} ${pick(random, objects)}, ${pick(random, adverbs)}.`,
		() => `If ${pick(random, subjects)} ${pick(random, verbs)} ${pick(random, objects)}, expect ${pick(random, objects)} to follow ${pick(random, adverbs)}.`,
		() => `${pick(random, names)} in ${pick(random, places)} found that ${pick(random, subjects)} ${pick(random, verbs)} ${pick(random, objects)}.`,
		() => `${pick(random, rules)} ${pick(random, objects)} before ${pick(random, objects)} ${pick(random, adverbs)}.`,
		() => `Research from ${1990 + Math.floor(random() * 34)} suggests ${pick(random, subjects)} ${pick(random, verbs)} ${pick(random, objects)} by ${2 + Math.floor(random() * 60)}%.`,
	];
	return pick(random, forms)();
}

function cap(text) {
	return text[0].toUpperCase() + text.slice(1);
}

function answer(random) {
	const parts = [pick(random, openers)];
	const count = 2 + Math.floor(random() * 7);
	for (let i = 0; i < count; i++) parts.push(sentence(random));
	let text = parts.join(' ');
	const shape = random();
	if (shape < 0.15) {
		text += `\n\n- ${cap(pick(random, objects))}\n- ${cap(pick(random, objects))}\n- ${cap(pick(random, objects))}`;
	} else if (shape < 0.25) {
		const name = pick(random, ['total', 'score', 'value', 'count']);
		text += `\n\n\`\`\`python\n${name} = ${Math.floor(random() * 100)}\nfor item in range(${2 + Math.floor(random() * 9)}):\n    ${name} += item\nprint(${name})\n\`\`\`\n\nThis prints the final ${name}.`;
	} else if (shape < 0.3) {
		text += `\n\nMore details: https://example.org/${pick(random, ['guide', 'docs', 'faq'])}/${Math.floor(random() * 1000)}`;
	} else if (shape < 0.35) {
		text += ' Hope this helps!';
	}

	return text;
}

function question(random) {
	return pick(random, questionForms)(pick(random, subjects), pick(random, objects), pick(random, names), pick(random, places));
}

/** A clean sample's parts: prompt, answer (and a second answer for preference pairs). */
function cleanParts(random) {
	return {format: pick(random, formats), prompt: question(random), answer: answer(random), other: answer(random), model: pick(random, models)};
}

function toSample(parts, id) {
	const meta = {id, model: parts.model};
	if (parts.finishLength) meta.finish_reason = 'length';
	switch (parts.format) {
		case 'alpaca': return {...meta, instruction: parts.prompt, input: '', output: parts.answer};
		case 'sharegpt': return {...meta, conversations: [{from: 'human', value: parts.prompt}, {from: 'gpt', value: parts.answer}]};
		case 'prompt-completion': return {...meta, prompt: parts.prompt, completion: parts.answer};
		case 'preference': return {...meta, prompt: parts.prompt, chosen: parts.answer, rejected: parts.other};
		default: return {...meta, messages: [{role: 'system', content: 'You are a helpful assistant.'}, {role: 'user', content: parts.prompt}, {role: 'assistant', content: parts.answer}]};
	}
}

/** What a sample's content is, whatever its format: formats that show the same blocks share a family. */
function contentKey(parts) {
	const family = {chat: 'chat', sharegpt: 'turns', alpaca: 'prompt', 'prompt-completion': 'prompt', preference: 'pair'}[parts.format];
	const normal = text => text.toLowerCase().replace(/\s+/g, ' ').trim();
	return JSON.stringify([family, normal(parts.prompt), normal(parts.answer), parts.format === 'preference' ? normal(parts.other) : '']);
}

function words(text) {
	return text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? [];
}

/** Exact 5-word shingle Jaccard, computed independently of winnow's code, to label paraphrases. */
function shingleJaccard(first, second) {
	const shingles = text => {
		const list = words(text);
		const set = new Set();
		for (let i = 0; i + 5 <= list.length; i++) set.add(list.slice(i, i + 5).join(' '));
		return set;
	};

	const a = shingles(first);
	const b = shingles(second);
	let shared = 0;
	for (const item of a) if (b.has(item)) shared++;
	return shared / (a.size + b.size - shared);
}

function paraphrase(random, text) {
	const list = text.split(' ');
	const changes = Math.max(1, Math.floor(list.length / 90));
	for (let c = 0; c < changes; c++) {
		for (let attempt = 0; attempt < 20; attempt++) {
			const at = Math.floor(random() * list.length);
			const key = list[at].toLowerCase().replace(/[^a-z]/g, '');
			if (Object.hasOwn(synonyms, key)) {
				list[at] = list[at].replace(new RegExp(key, 'i'), synonyms[key]);
				break;
			}
		}
	}

	return list.join(' ');
}

const mojibakeWords = ['café', 'naïve', 'résumé', 'jalapeño', 'über', 'don’t', 'it’s', '“quoted”', 'São Paulo', 'Ελλάδα', 'Москва'];

function misdecode(text) {
	return Buffer.from(text, 'utf8').toString('latin1');
}

/** Applies one defect to a clean sample's parts; returns the signals it plants. */
const defects = {
	refusal(random, parts) {
		parts.answer = random() < 0.5 ? pick(random, refusals) : `${pick(random, refusals)} ${sentence(random)}`;
		return ['refusal'];
	},
	repetition(random, parts) {
		const loop = sentence(random);
		const times = 4 + Math.floor(random() * 8);
		const style = random();
		if (style < 0.4) parts.answer = `${sentence(random)} ${Array.from({length: times}, () => loop).join(' ')}`;
		else if (style < 0.7) parts.answer = `${sentence(random)}\n${Array.from({length: times}, () => loop).join('\n')}`;
		else {
			const phrase = words(sentence(random)).slice(0, 3).join(' ');
			parts.answer = `${sentence(random)} ${Array.from({length: times * 3}, () => phrase).join(' ')}.`;
		}

		return ['repetition'];
	},
	'special-token'(random, parts) {
		const token = pick(random, tokens);
		const style = random();
		if (style < 0.6) parts.answer = `${parts.answer}${token}`;
		else if (style < 0.8) parts.answer = `${parts.answer}\n\nHuman: ${question(random)}`;
		else parts.answer = `${parts.answer.split('. ')[0]}. ${token} ${sentence(random)}`;
		return ['special-token'];
	},
	empty(random, parts) {
		parts.answer = pick(random, ['', ' ', '\n', '   \n\t']);
		if (parts.format === 'preference') parts.other = answer(random);
		return ['empty'];
	},
	truncated(random, parts) {
		const style = random();
		if (style < 0.3) {
			parts.finishLength = true;
			return ['truncated'];
		}

		if (style < 0.45) {
			parts.answer = `${sentence(random)}\n\n\`\`\`js\nconst total = items.reduce((sum, item) => sum + item.price, 0);\nif (total > limit) {`;
			return ['truncated'];
		}

		// Cut mid-sentence, several words into the last sentence.
		const full = `${parts.answer.split('\n')[0]} ${sentence(random)} ${sentence(random)}`;
		const list = full.split(' ');
		const cut = list.length - 2 - Math.floor(random() * 4);
		parts.answer = list.slice(0, cut).join(' ').replace(/[.,!?:;]+$/, '');
		return ['truncated'];
	},
	mojibake(random, parts) {
		const word = pick(random, mojibakeWords);
		parts.answer = random() < 0.8 ? `${parts.answer} ${misdecode(`${cap(word)} is the example here.`)}` : `${parts.answer} The ${'\uFFFD'}file was converted.`;
		return ['mojibake'];
	},
	placeholder(random, parts) {
		parts.answer += pick(random, placeholders);
		return ['placeholder'];
	},
	'model-identity'(random, parts) {
		parts.answer = `${pick(random, identities)} ${parts.answer}`;
		return ['model-identity'];
	},
	'length-outlier'(random, parts) {
		// Long, not repetitive: only the sentence shapes with no fixed run of five words.
		const paragraph = () => Array.from({length: 6}, () => (random() < 0.5 ? `${cap(pick(random, subjects))} ${pick(random, verbs)} ${pick(random, objects)} ${pick(random, adverbs)}.` : `${pick(random, connectors)} ${pick(random, subjects)} ${pick(random, verbs)} ${pick(random, objects)}.`)).join(' ');
		parts.answer = Array.from({length: 40}, paragraph).join('\n\n');
		return ['length-outlier'];
	},
};

export const plantedSignals = ['duplicate', 'near-duplicate', ...Object.keys(defects)];

/**
 * `count` samples: about 55% clean, the rest planted (duplicates and paraphrases of earlier clean
 * samples, and one defect each). Returns the JSON Lines text and, per signal, the set of indexes
 * that carry it.
 */
export function plantedDataset({count = 2000, seed = 1} = {}) {
	const random = prng(seed);
	const samples = [];
	const truth = Object.fromEntries(plantedSignals.map(signal => [signal, new Set()]));
	const cleanIndexes = [];
	const used = new Set();
	const weights = [['clean', 55], ['duplicate', 7], ['near-duplicate', 7], ...Object.keys(defects).map(name => [name, name === 'length-outlier' || name === 'model-identity' ? 1.5 : 3.5])];
	const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
	const kindAt = () => {
		let roll = random() * total;
		for (const [kind, weight] of weights) if ((roll -= weight) < 0) return kind;
		return 'clean';
	};

	for (let index = 0; index < count; index++) {
		const id = `s${seed}-${index}`;
		let kind = index < 20 ? 'clean' : kindAt();
		if ((kind === 'duplicate' || kind === 'near-duplicate') && cleanIndexes.length === 0) kind = 'clean';
		if (kind === 'duplicate' || kind === 'near-duplicate') {
			// Copies are of clean samples nothing else was copied from, so each cluster has one kind.
			const source = cleanIndexes[Math.floor(random() * cleanIndexes.length)];
			const original = samples[source].parts;
			const parts = {...original, model: pick(random, models)};
			if (kind === 'duplicate') {
				// The same content, with the differences normalisation removes: case and white space.
				parts.answer = random() < 0.5 ? parts.answer.replace(/ /g, '  ') : parts.answer.toUpperCase();
			} else {
				parts.answer = paraphrase(random, parts.answer);
				parts.prompt = paraphrase(random, parts.prompt);
				const similarity = shingleJaccard(`${original.prompt} ${original.answer}${original.format === 'preference' ? ` ${original.other}` : ''}`, `${parts.prompt} ${parts.answer}${parts.format === 'preference' ? ` ${parts.other}` : ''}`);
				if (similarity < 0.82 || parts.answer === original.answer) kind = 'clean';
			}

			if (kind !== 'clean' && !(used.has(source) && (samples[source].copiedAs !== kind || kind === 'near-duplicate'))) {
				used.add(source);
				samples[source].copiedAs = kind;
				if (kind === 'near-duplicate') truth[kind].add(index);
				samples.push({parts, kind});
				continue;
			}

			kind = 'clean';
		}

		const parts = cleanParts(random);
		if (kind === 'clean') {
			cleanIndexes.push(index);
			samples.push({parts, kind});
			continue;
		}

		for (const signal of defects[kind](random, parts)) truth[signal].add(index);
		samples.push({parts, kind});
	}

	// Duplicates by definition: the same content as an earlier sample once case and white space are
	// ignored (planted copies, and the odd empty or refusal that happens to repeat an earlier one).
	const seen = new Set();
	for (const [index, {parts}] of samples.entries()) {
		const key = contentKey(parts);
		if (seen.has(key)) {
			truth.duplicate.add(index);
			truth['near-duplicate'].delete(index);
		}

		seen.add(key);
	}

	const lines = samples.map(({parts}, index) => JSON.stringify(toSample(parts, `s${seed}-${index}`)));
	return {text: `${lines.join('\n')}\n`, truth, count};
}

/** Precision and recall of `found` (indexes flagged) against `truth`. */
export function score(found, truth) {
	let hits = 0;
	for (const index of found) if (truth.has(index)) hits++;
	return {
		precision: found.size === 0 ? (truth.size === 0 ? 1 : 0) : hits / found.size,
		recall: truth.size === 0 ? 1 : hits / truth.size,
		found: found.size,
		planted: truth.size,
	};
}
