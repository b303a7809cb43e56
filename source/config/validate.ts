import {statSync} from 'node:fs';
import {dirname, resolve} from 'node:path';
import {closest} from '../query/closest.js';
import {resolveSignalConfig, SignalConfigError} from '../dataset/signals/config.js';
import {applyKeyOverrides, defaultBindings} from '../review/bindings.js';
import {ConfigError} from './errors.js';
import {configFields, defaultConfig, maxReasons, reviewModes, type KeyOverrides, type ProjectConfig} from './schema.js';

/**
 * Checks a parsed config file field by field and fills in the defaults. Every bad field gets its
 * own sentence (file, field, what is expected); all of them are reported at once.
 */
export function validateConfig(raw: unknown, path: string): ProjectConfig {
	if (!isObject(raw)) throw new ConfigError([`${path}: expected a JSON object such as {"categories": ["age", "other"]}, not ${kind(raw)}.`]);
	const config = defaultConfig();
	config.path = path;
	const problems: string[] = [];
	const bad = (field: string, expected: string, value: unknown) => problems.push(`${path}: "${field}" ${expected}, not ${kind(value)}.`);

	for (const field of Object.keys(raw)) {
		if (field === '$schema' || field === '$comment' || (configFields as readonly string[]).includes(field)) continue;
		const guess = closest(field, configFields);
		problems.push(`${path}: unknown field "${field}"${guess ? ` (did you mean "${guess}"?)` : ''}; the fields are ${configFields.join(', ')}.`);
	}

	if (raw.categories !== undefined) {
		const list = stringList(raw.categories);
		if (!list || list.length === 0) bad('categories', 'must be a list of category names, e.g. ["age", "gender identity", "other"]', raw.categories);
		else if (duplicate(list)) problems.push(`${path}: "categories" names "${duplicate(list)}" twice; each category once.`);
		else config.categories = list;
	}

	if (raw.reasons !== undefined) {
		const list = stringList(raw.reasons);
		if (!list || list.length === 0) bad('reasons', 'must be a list of reject reasons, e.g. ["factually wrong", "unsafe", "other"]', raw.reasons);
		else if (list.length > maxReasons) problems.push(`${path}: "reasons" has ${list.length} reasons; at most ${maxReasons} (one digit key each).`);
		else if (duplicate(list)) problems.push(`${path}: "reasons" names "${duplicate(list)}" twice; each reason once.`);
		else config.reasons = list;
	}

	if (raw.requireReason !== undefined) {
		if (typeof raw.requireReason === 'boolean') config.requireReason = raw.requireReason;
		else bad('requireReason', 'must be true or false', raw.requireReason);
	}

	if (raw.guidelines !== undefined) {
		if (typeof raw.guidelines !== 'string' || raw.guidelines.trim() === '') {
			bad('guidelines', 'must be the path of a Markdown or text file, relative to the config file, e.g. "GUIDELINES.md"', raw.guidelines);
		} else {
			const file = resolve(dirname(path), raw.guidelines);
			const found = statIfAny(file);
			if (!found) problems.push(`${path}: "guidelines" names ${raw.guidelines}, which does not exist (looked for ${file}); the path is relative to the config file.`);
			else if (!found.isFile()) problems.push(`${path}: "guidelines" names ${raw.guidelines}, which is not a file (${file}).`);
			else config.guidelines = file;
		}
	}

	if (raw.keys !== undefined) {
		const keys = keyOverrides(raw.keys);
		if (typeof keys === 'string') {
			problems.push(`${path}: "keys" ${keys}.`);
		} else {
			config.keys = keys;
			// Unknown actions and keys, and two actions left on one key.
			try {
				config.bindings = applyKeyOverrides(defaultBindings, keys);
			} catch (error) {
				problems.push(`${path}: ${(error as Error).message}`);
			}
		}
	}

	if (raw.mode !== undefined) {
		if (typeof raw.mode === 'string' && (reviewModes as readonly string[]).includes(raw.mode)) config.mode = raw.mode as ProjectConfig['mode'];
		else bad('mode', `must be ${reviewModes.map(mode => `"${mode}"`).join(' or ')}`, raw.mode);
	}

	if (raw.signals !== undefined) {
		if (!isObject(raw.signals)) {
			bad('signals', 'must be an object of signal settings, e.g. {"nearDuplicate": {"threshold": 0.85}}', raw.signals);
		} else {
			// The signal engine's own check: one sentence naming the file and the field.
			try {
				config.signals = resolveSignalConfig(raw.signals, path);
			} catch (error) {
				problems.push(...(error instanceof SignalConfigError ? error.problems : [(error as Error).message]));
			}
		}
	}

	if (problems.length > 0) throw new ConfigError(problems);
	return config;
}

/** The keys section, or what is wrong with it (to follow `"keys" `). */
function keyOverrides(value: unknown): KeyOverrides | string {
	if (!isObject(value)) return `must be an object of action names and keys, e.g. {"accept": "a", "reject": ["r", "x"]}, not ${kind(value)}`;
	const keys: KeyOverrides = {};
	for (const [action, key] of Object.entries(value)) {
		if (typeof key === 'string' && key !== '') {
			keys[action] = key;
			continue;
		}

		const list = stringList(key);
		if (!list || list.length === 0) return `gives "${action}" ${kind(key)}; each action takes a key ("a") or a list of keys (["r", "x"])`;
		keys[action] = list;
	}

	return keys;
}

/** A list of non-empty strings (trimmed), or undefined if it is anything else. */
function stringList(value: unknown): string[] | undefined {
	if (!Array.isArray(value)) return undefined;
	const list: string[] = [];
	for (const item of value) {
		if (typeof item !== 'string' || item.trim() === '') return undefined;
		list.push(item.trim());
	}

	return list;
}

function duplicate(list: string[]): string | undefined {
	const seen = new Set<string>();
	for (const item of list) {
		const key = item.toLowerCase();
		if (seen.has(key)) return item;
		seen.add(key);
	}

	return undefined;
}

function statIfAny(path: string) {
	try {
		return statSync(path);
	} catch {
		return undefined;
	}
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a JSON value is, for "not …" in messages. */
function kind(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list with something other than non-empty text in it';
	if (typeof value === 'string') return value.trim() === '' ? 'an empty string' : `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
	if (typeof value === 'object') return 'an object';
	return `${typeof value === 'number' ? 'the number' : typeof value === 'boolean' ? 'the value' : 'a'} ${String(value)}`;
}
