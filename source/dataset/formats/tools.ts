/* The tools a sample offers the model (`tools`, legacy `functions`), one signature per line. */
import {compactJson, parseJsonText} from './json-text.js';
import type {Block, JsonObject, Rendering} from './types.js';
import {isNonEmptyString, isObject, ownField, stringOrUndefined, truncate} from './values.js';

const toolDescriptionMaxLength = 80;

function parameterType(schema: unknown): string {
	if (!isObject(schema)) {
		return 'any';
	}

	const enumValues = schema['enum'];
	if (Array.isArray(enumValues) && enumValues.length > 0) {
		return enumValues.map(value => compactJson(value)).join('|');
	}

	const type = schema['type'];
	if (type === 'array') {
		return `${parameterType(schema['items'])}[]`;
	}

	if (typeof type === 'string') {
		return type;
	}

	return Array.isArray(type) ? type.map(item => (typeof item === 'string' ? item : compactJson(item))).join('|') : 'any';
}

/** xLAM writes the properties themselves as the parameters: {"type": {"description", "type": "str", "default"}}. */
function isBareProperties(parameters: JsonObject): boolean {
	const entries = Object.values(parameters);
	return entries.length > 0 && entries.every(schema => isObject(schema) && typeof schema['type'] === 'string');
}

function parameterSummary(parameters: unknown): string {
	if (!isObject(parameters)) {
		return '';
	}

	const properties = isObject(parameters['properties']) ? parameters['properties'] : isBareProperties(parameters) ? parameters : undefined;
	if (properties === undefined) {
		return '';
	}

	const required = Array.isArray(parameters['required']) ? parameters['required'] : properties === parameters ? Object.keys(properties).filter(name => !Object.hasOwn(properties[name] as JsonObject, 'default')) : [];
	return Object.entries(properties)
		.map(([name, schema]) => `${name}${required.includes(name) ? '' : '?'}: ${parameterType(schema)}`)
		.join(', ');
}

function toolLine(tool: unknown): string {
	if (!isObject(tool)) {
		return compactJson(tool);
	}

	const definition = isObject(tool['function']) ? tool['function'] : tool;
	const name = stringOrUndefined(definition['name']) ?? stringOrUndefined(tool['type']) ?? '?';
	const signature = `${name}(${parameterSummary(definition['parameters'])})`;
	const description = stringOrUndefined(definition['description'])?.trim().split('\n')[0];
	return isNonEmptyString(description)
		? `${signature} — ${truncate(description, toolDescriptionMaxLength)}`
		: signature;
}

/** The tools offered to the model, given as a list or as a JSON string holding one. */
export function toolList(value: unknown): unknown[] | undefined {
	const list = typeof value === 'string' ? parseJsonText(value) : value;
	return Array.isArray(list) && list.length > 0 ? list : undefined;
}

export function toolsBlock(tools: unknown[]): Block {
	return {label: `tools (${tools.length})`, text: tools.map(tool => toolLine(tool)).join('\n'), tone: 'tool'};
}

/** Blocks for a top-level tools (or legacy functions) list, when there is a usable one. */
export function toolsRendering(sample: JsonObject): Rendering {
	for (const key of ['tools', 'functions']) {
		const tools = toolList(ownField(sample, key));
		if (tools !== undefined) {
			return {blocks: [toolsBlock(tools)], consumedKeys: [key]};
		}
	}

	return {blocks: [], consumedKeys: []};
}
