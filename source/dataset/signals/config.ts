import {closest} from '../../query/closest.js';
import {SIGNALS, type SignalName} from './types.js';
import {defaultModelNames, defaultVendors} from './model-identity-vendors.js';

/*
The signals' thresholds and phrase lists: the defaults, and the `signals` section of
winnow.config.json checked field by field. resolveSignalConfig is what the config file loader calls;
a bad field is one sentence naming the file and the field.
*/

export type SignalConfig = {
	/** Signals not computed at all. */
	disabled: SignalName[];
	nearDuplicate: {
		/** Jaccard similarity of word 5-gram shingles at or above which two samples are near-duplicates. */
		threshold: number;
		/** Words per shingle. */
		shingleWords: number;
	};
	refusal: {
		phrases: string[];
		/** Also recognise refusals by their shape in any wording ("I am unable to fulfil…"), in the opening of a response. */
		shapes: boolean;
	};
	modelIdentity: {names: string[]; vendors: string[]};
	repetition: {
		duplicateLineFraction: number;
		duplicateParagraphFraction: number;
		duplicateLineCharFraction: number;
		duplicateParagraphCharFraction: number;
		/** For n = 2, 3, 4: share of characters in the most frequent n-gram. */
		topNgramCharFraction: [number, number, number];
		/** For n = 5 … 10: share of characters in n-grams seen before. */
		duplicateNgramCharFraction: [number, number, number, number, number, number];
		/** Responses with fewer words are only checked for repeated lines and paragraphs. */
		minWords: number;
		/** Responses with fewer words are not checked for a too frequent 2-, 3- or 4-gram. */
		minWordsForTopNgrams: number;
	};
	/** `ignoreTokens`: never flagged, anywhere (`*` for any characters): a dataset's own markup. */
	specialToken: {tokens: string[]; rolePrefixes: string[]; ignoreTokens: string[]};
	placeholder: {phrases: string[]};
	truncated: {
		/** A response must have at least this many words to be judged cut mid-sentence by its last character alone. */
		minWords: number;
	};
	lengthOutlier: {
		/** |robust z| of log response length above which a sample is an outlier. */
		zScore: number;
		/** Fewer samples with a response than this: no length outliers. */
		minSamples: number;
		/** An outlier is also at least this many times longer, or shorter, than the median (uniform lengths make z huge). */
		minRatio: number;
	};
};

export const defaultSignalConfig: SignalConfig = {
	disabled: [],
	nearDuplicate: {threshold: 0.8, shingleWords: 5},
	refusal: {
		phrases: [
			'as an ai language model',
			'as a language model',
			'as a large language model',
			'as an ai model',
			'as an ai assistant',
			'as an ai,',
			"i'm just an ai",
			"i'm only an ai",
			"i'm an ai and",
			"i'm sorry, but i cannot",
			"i'm sorry, i cannot",
			"i'm really sorry, but i cannot",
			'sorry, but i cannot',
			'i apologize, but i cannot',
			'i apologize, but i am not able',
			'i cannot assist with',
			'i cannot help with',
			'i cannot provide',
			'i cannot fulfill',
			'i cannot comply',
			'i cannot create',
			'i cannot generate',
			'i cannot write',
			'i cannot engage',
			'i cannot support',
			'i cannot answer',
			'i cannot do that',
			"i won't be able to",
			"i'm not able to help",
			"i'm not able to provide",
			"i'm not able to assist",
			"i'm unable to help",
			"i'm unable to provide",
			"i'm unable to assist",
			"i'm unable to fulfill",
			"i'm unable to comply",
			'i must decline',
			'i must respectfully decline',
			"i don't have personal opinions",
			"i don't have personal feelings",
			"i don't have personal beliefs",
			"i don't have personal experiences",
			"i don't have personal preferences",
			"i don't have feelings",
			"i don't have opinions",
			"i don't have the ability to",
			"i don't have access to real-time",
			'against my programming',
			'goes against my guidelines',
			'against my guidelines',
			'not appropriate for me to',
			"i'm not programmed to",
			// Spanish
			'como modelo de lenguaje',
			'como un modelo de lenguaje',
			'como una inteligencia artificial, no',
			'como inteligencia artificial, no',
			'como una ia, no',
			'como ia, no',
			'lo siento, pero no puedo',
			'lo siento, no puedo',
			'no puedo ayudarte con',
			'no puedo ayudar con',
			'no puedo proporcionar',
			'no puedo cumplir con',
			'no tengo opiniones personales',
			'no tengo sentimientos',
			// French
			'en tant que modèle de langage',
			"en tant qu'ia, je",
			"en tant qu'intelligence artificielle, je",
			"en tant qu'assistant ia",
			'je suis désolé, mais je ne peux pas',
			'je suis désolée, mais je ne peux pas',
			'désolé, mais je ne peux pas',
			'je ne peux pas vous aider',
			"je ne peux pas t'aider",
			'je ne peux pas fournir',
			"je n'ai pas d'opinions personnelles",
			"je n'ai pas d'opinion personnelle",
			// German
			'als ki-sprachmodell',
			'als künstliche intelligenz habe ich',
			'als künstliche intelligenz kann ich',
			'als ki habe ich',
			'als ki kann ich',
			'es tut mir leid, aber ich kann',
			'tut mir leid, aber ich kann',
			'ich kann dir dabei nicht helfen',
			'ich kann ihnen dabei nicht helfen',
			'ich kann dabei nicht helfen',
			'ich habe keine persönlichen meinungen',
			'ich habe keine persönliche meinung',
			// Portuguese
			'como um modelo de linguagem',
			'como modelo de linguagem',
			'como uma inteligência artificial, não',
			'como uma ia, não',
			'desculpe, mas não posso',
			'sinto muito, mas não posso',
			'não posso ajudar com',
			'não posso te ajudar com',
			'não posso fornecer',
			'não tenho opiniões pessoais',
			// Italian
			'come modello linguistico',
			'come intelligenza artificiale, non',
			'mi dispiace, ma non posso',
			'non posso aiutarti con',
			'non ho opinioni personali',
			// Russian
			'как языковая модель',
			'как модель искусственного интеллекта',
			'как искусственный интеллект, я не',
			'извините, но я не могу',
			'к сожалению, я не могу помочь',
			'я не могу помочь с',
			'я не могу предоставить',
			'у меня нет личного мнения',
			'у меня нет личных мнений',
			// Chinese (matched anywhere: no spaces between words)
			'作为一个人工智能语言模型',
			'作为人工智能语言模型',
			'作为一个人工智能助手',
			'作为人工智能助手',
			'作为一个ai语言模型',
			'作为ai语言模型',
			'作为一个ai助手',
			'作为一个语言模型，我',
			'作为语言模型，我',
			'抱歉，我无法',
			'抱歉，我不能',
			'对不起，我无法',
			'对不起，我不能',
			'我无法提供',
			'我不能提供',
			'我无法协助',
			'我没有个人观点',
			'我没有个人意见',
			// Japanese
			'ai言語モデルとして',
			'aiアシスタントとして',
			'言語モデルですので',
			'お手伝いすることはできません',
			'お答えすることはできません',
			'提供することはできません',
			'個人的な意見は持っていません',
			'個人的な意見を持っていません',
		],
		shapes: true,
	},
	modelIdentity: {
		names: defaultModelNames,
		vendors: defaultVendors,
	},
	repetition: {
		// Gopher / MassiveText, Rae et al. 2021, table A1.
		duplicateLineFraction: 0.3,
		duplicateParagraphFraction: 0.3,
		duplicateLineCharFraction: 0.2,
		duplicateParagraphCharFraction: 0.2,
		topNgramCharFraction: [0.2, 0.18, 0.16],
		duplicateNgramCharFraction: [0.15, 0.14, 0.13, 0.12, 0.11, 0.1],
		minWords: 20,
		minWordsForTopNgrams: 100,
	},
	specialToken: {
		tokens: [
			'<|endoftext|>', '<|im_start|>', '<|im_end|>', '<|eot_id|>', '<|begin_of_text|>', '<|end_of_text|>',
			'<|start_header_id|>', '<|end_header_id|>', '<|system|>', '<|user|>', '<|assistant|>', '<|end|>',
			'<|fim_prefix|>', '<|fim_middle|>', '<|fim_suffix|>', '<|pad|>', '<|eom_id|>', '<|python_tag|>',
			'<s>', '</s>', '<unk>', '<pad>', '<bos>', '<eos>', '<start_of_turn>', '<end_of_turn>',
			'[INST]', '[/INST]', '<<SYS>>', '<</SYS>>', '<|assistant_end|>', '<｜end▁of▁sentence｜>', '<｜begin▁of▁sentence｜>',
			'[SYSTEM_PROMPT]', '[/SYSTEM_PROMPT]', '[AVAILABLE_TOOLS]', '[/AVAILABLE_TOOLS]', '[TOOL_CALLS]', '[TOOL_RESULTS]', '[/TOOL_RESULTS]',
			'<BOS_TOKEN>', '<EOS_TOKEN>', '[gMASK]', '<sop>', '<eop>',
		],
		rolePrefixes: ['Human:', 'Assistant:', '### Human:', '### Assistant:', '### Instruction:', '### Response:', '<|user|>', 'USER:', 'ASSISTANT:'],
		ignoreTokens: [],
	},
	placeholder: {
		phrases: ['lorem ipsum dolor', '[placeholder]', '{placeholder}', 'insert text here', 'your text here', 'todo: fill in'],
	},
	truncated: {minWords: 25},
	lengthOutlier: {zScore: 3.5, minSamples: 20, minRatio: 3},
};

type Check = (value: unknown, field: string) => string | undefined;

const fraction: Check = value => (typeof value === 'number' && value >= 0 && value <= 1 ? undefined : 'must be a number from 0 to 1');
const positive: Check = value => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? undefined : 'must be a positive number');
const atLeastOne: Check = value => (typeof value === 'number' && Number.isFinite(value) && value >= 1 ? undefined : 'must be a number of 1 or more');
const count: Check = value => (Number.isInteger(value) && (value as number) >= 1 ? undefined : 'must be a whole number of at least 1');
const phrases: Check = value => (Array.isArray(value) && value.every(item => typeof item === 'string' && item.trim() !== '') ? undefined : 'must be a list of non-empty strings');
const flag: Check = value => (typeof value === 'boolean' ? undefined : 'must be true or false');
const fractions = (length: number): Check => value => (Array.isArray(value) && value.length === length && value.every(item => fraction(item, '') === undefined) ? undefined : `must be a list of ${length} numbers from 0 to 1`);

/** Each section's settings and how each is checked; a list can also be extended with "add" + its name. */
const schema: Record<Exclude<keyof SignalConfig, 'disabled'>, Record<string, Check>> = {
	nearDuplicate: {threshold: fraction, shingleWords: count},
	refusal: {phrases, shapes: flag},
	modelIdentity: {names: phrases, vendors: phrases},
	repetition: {
		duplicateLineFraction: fraction,
		duplicateParagraphFraction: fraction,
		duplicateLineCharFraction: fraction,
		duplicateParagraphCharFraction: fraction,
		topNgramCharFraction: fractions(3),
		duplicateNgramCharFraction: fractions(6),
		minWords: count,
		minWordsForTopNgrams: count,
	},
	specialToken: {tokens: phrases, rolePrefixes: phrases, ignoreTokens: phrases},
	placeholder: {phrases},
	truncated: {minWords: count},
	lengthOutlier: {zScore: positive, minSamples: count, minRatio: atLeastOne},
};

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function addKey(name: string): string {
	return `add${name[0].toUpperCase()}${name.slice(1)}`;
}

/** What is wrong with a `signals` section: one sentence a problem (the message, one a line). */
export class SignalConfigError extends Error {
	constructor(readonly problems: string[]) {
		super(problems.join('\n'));
		this.name = 'SignalConfigError';
	}
}

/**
 * The signal settings from the `signals` section of a config file (undefined: the defaults), each
 * field checked. Throws a SignalConfigError with one sentence for each bad field, naming `source` and the field.
 */
export function resolveSignalConfig(raw: unknown, source: string): SignalConfig {
	const config = structuredClone(defaultSignalConfig);
	if (raw === undefined) return config;
	const problems: string[] = [];
	const fail = (field: string, problem: string) => {
		problems.push(`${source}: signals${field === '' ? '' : `.${field}`} ${problem}.`);
	};

	const guessed = (word: string, candidates: readonly string[]) => {
		const guess = closest(word, candidates);
		return guess ? ` (did you mean "${guess}"?)` : '';
	};

	if (!isObject(raw)) {
		fail('', 'must be an object');
		throw new SignalConfigError(problems);
	}

	const sections = raw as Record<string, unknown>;
	for (const [key, value] of Object.entries(sections)) {
		if (key === 'disabled') {
			if (!Array.isArray(value)) {
				fail('disabled', `must be a list of signal names (${SIGNALS.join(', ')})`);
				continue;
			}

			const unknown = value.filter(item => typeof item !== 'string' || !(SIGNALS as readonly string[]).includes(item));
			if (unknown.length > 0) {
				const first = unknown[0];
				fail('disabled', `names ${unknown.map(item => JSON.stringify(item)).join(', ')}, not ${unknown.length === 1 ? 'a signal' : 'signals'}${typeof first === 'string' ? guessed(first, SIGNALS) : ''}; the signals are ${SIGNALS.join(', ')}`);
				continue;
			}

			config.disabled = [...new Set(value as SignalName[])];
			continue;
		}

		if (!Object.hasOwn(schema, key)) {
			fail(key, `is not a known setting${guessed(key, ['disabled', ...Object.keys(schema)])} (known: disabled, ${Object.keys(schema).join(', ')})`);
			continue;
		}

		const section = key as keyof typeof schema;
		if (!isObject(value)) {
			fail(key, 'must be an object');
			continue;
		}

		const target = config[section] as Record<string, unknown>;
		// Replacements first, then additions, whatever their order in the file.
		const settings = Object.entries(value as Record<string, unknown>).sort(([first], [second]) => Number(first.startsWith('add')) - Number(second.startsWith('add')));
		for (const [name, setting] of settings) {
			const listName = Object.keys(schema[section]).find(field => addKey(field) === name && schema[section][field] === phrases);
			if (listName !== undefined) {
				const problem = phrases(setting, name);
				if (problem) fail(`${key}.${name}`, problem);
				else target[listName] = [...(target[listName] as string[]), ...(setting as string[])];
				continue;
			}

			if (!Object.hasOwn(schema[section], name)) {
				// A list can be replaced (tokens) or added to (addTokens): both are known.
				const known = Object.keys(schema[section]).flatMap(field => (schema[section][field] === phrases ? [field, addKey(field)] : [field]));
				fail(`${key}.${name}`, `is not a known setting${guessed(name, known)} (known: ${known.join(', ')})`);
				continue;
			}

			const problem = schema[section][name](setting, name);
			if (problem) fail(`${key}.${name}`, problem);
			else target[name] = setting;
		}
	}

	if (problems.length > 0) throw new SignalConfigError(problems);
	return config;
}
