import type {Tone} from '../dataset/formats/index.js';

/** Colours by block tone; chalk drops them all under NO_COLOR (mapped to FORCE_COLOR=0). */
export const toneColor: Partial<Record<Tone, string>> = {
	system: 'magenta',
	user: 'cyan',
	prompt: 'cyan',
	assistant: 'green',
	completion: 'green',
	chosen: 'green',
	tool: 'yellow',
	rejected: 'red',
	error: 'red',
	field: 'blue',
	reference: 'blueBright',
};

export const verdictColor = {accepted: 'green', rejected: 'red', flagged: 'yellow', undecided: 'gray'} as const;

export const verdictMark = {accepted: '✓', rejected: '✗', flagged: '⚑', undecided: '○'} as const;
