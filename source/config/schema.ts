import {defaultCategories} from '../review/categories.js';
import {defaultBindings, type Binding} from '../review/bindings.js';
import {resolveSignalConfig, type SignalConfig} from '../dataset/signals/config.js';

/*
The project config file, winnow.config.json (README: "The project config file"). Every field is
optional; a missing file means every default. Validated by validateConfig (validate.ts).

	categories     list of bias categories for the b picker (default: the BBQ nine plus other)
	reasons        list of reject reasons, at most 9, one digit key each (default below)
	requireReason  true: r opens a picker and a rejection needs a reason (default false)
	guidelines     path to a Markdown or text file, relative to the config file (shown on i)
	keys           {"action": "key"} or {"action": ["key", …]}: remapped hotkeys
	mode           split or overlap: the default review mode (--mode overrides)
	signals        signal thresholds and phrase lists (the signal engine's own settings)
*/

export const configFileName = 'winnow.config.json';

export const defaultReasons = ['factually wrong', 'unsafe', 'off-topic', 'low quality', 'formatting', 'duplicate', 'other'] as const;

/** One digit key per reason. */
export const maxReasons = 9;

export const reviewModes = ['split', 'overlap'] as const;
export type ReviewModeSetting = (typeof reviewModes)[number];

export type KeyOverrides = Record<string, string | string[]>;

/** The config as the commands use it: defaults filled in, the guidelines path resolved. */
export type ProjectConfig = {
	/** The file read; undefined when there is none (all defaults). */
	path: string | undefined;
	categories: string[];
	reasons: string[];
	requireReason: boolean;
	/** Absolute path of the guidelines file. */
	guidelines: string | undefined;
	/** The "keys" section as written. */
	keys: KeyOverrides;
	/** The review screen's key bindings with `keys` applied. */
	bindings: readonly Binding[];
	mode: ReviewModeSetting | undefined;
	/** The signal settings: the defaults with the "signals" section applied (resolveSignalConfig). */
	signals: SignalConfig;
};

/** The fields a config file may have, in the order the README's table lists them. */
export const configFields = ['categories', 'reasons', 'requireReason', 'guidelines', 'keys', 'mode', 'signals'] as const;

export function defaultConfig(): ProjectConfig {
	return {
		path: undefined,
		categories: [...defaultCategories],
		reasons: [...defaultReasons],
		requireReason: false,
		guidelines: undefined,
		keys: {},
		bindings: defaultBindings,
		mode: undefined,
		signals: resolveSignalConfig(undefined, configFileName),
	};
}
