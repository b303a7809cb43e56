import {readFileSync, statSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {ConfigError} from './errors.js';
import {findJsonMistake} from './json-mistake.js';
import {configFileName, defaultConfig, type ProjectConfig} from './schema.js';
import {validateConfig} from './validate.js';

/**
 * The project config for a dataset: the file named by --config (which must exist), else
 * winnow.config.json beside the dataset if there is one, else the defaults.
 */
export function loadProjectConfig(dataset: string, configFlag?: string): ProjectConfig {
	const explicit = configFlag !== undefined;
	if (explicit && configFlag.trim() === '') throw new ConfigError(['--config needs a file name, e.g. --config winnow.config.json.']);
	const path = explicit ? configFlag : join(dirname(dataset), configFileName);
	let text: string;
	try {
		if (statSync(path).isDirectory()) throw new ConfigError([`${path} is a folder; --config takes the config file itself (e.g. ${join(path, configFileName)}).`]);
		text = readFileSync(path, 'utf8');
	} catch (error) {
		if (error instanceof ConfigError) throw error;
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT' && !explicit) return defaultConfig();
		if (code === 'ENOENT') throw new ConfigError([`${path} (given with --config) does not exist; check the path, or leave --config out to use ${configFileName} beside the dataset.`]);
		throw new ConfigError([`${path} cannot be read (${code ?? (error as Error).message}); check its permissions.`]);
	}

	return parseConfig(text, path);
}

/** Parses and validates a config file's text; `path` names it in messages and anchors relative paths. */
export function parseConfig(text: string, path: string): ProjectConfig {
	let raw: unknown;
	try {
		raw = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch (error) {
		const mistake = findJsonMistake(text);
		const what = mistake ? ` at line ${mistake.line}, column ${mistake.column}: ${mistake.problem}` : ` (${(error as Error).message})`;
		throw new ConfigError([`${path} is not valid JSON${what}.`]);
	}

	return validateConfig(raw, path);
}
