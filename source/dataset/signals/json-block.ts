/*
A JSON code block at the end of a response that stops inside a structure: the fence was closed, but the
JSON in it ends inside an array, object or string ("allowed_hosts": ["example.com",  then ```). Only a
block fenced as json, jsonc or json5, or one with no language that starts with { or [, is read.
*/

const closingFence = /\n[ \t]{0,3}(`{3,}|~{3,})[ \t]*$/;
const jsonInfo = /^(?:json5?|jsonc)?$/i;

/** Why the response's last code block (it ends the response) holds JSON cut off, or undefined. */
export function cutJsonBlock(text: string): string | undefined {
	const tail = text.slice(-40);
	const close = closingFence.exec(tail);
	if (!close) return undefined;
	const before = text.slice(0, text.length - tail.length + close.index);
	const open = before.lastIndexOf(close[1]!.slice(0, 3));
	const lineStart = before.lastIndexOf('\n', open) + 1;
	const lineEnd = before.indexOf('\n', open);
	if (open === -1 || lineEnd === -1 || !/^[ \t]{0,3}$/.test(before.slice(lineStart, open))) return undefined;
	const info = before.slice(open, lineEnd).replace(/^[`~]+/, '').trim();
	const body = before.slice(lineEnd + 1);
	if (!jsonInfo.test(info) || (info === '' && !/^\s*[{[]/.test(body))) return undefined;
	const left = unclosed(body, info.toLowerCase() !== 'json');
	return left === undefined ? undefined : `the JSON in the last code block is cut off (${left})`;
}

/** What a JSON text is left inside at its end ("a [ is left open"), or undefined when every structure closes. */
function unclosed(json: string, comments: boolean): string | undefined {
	const stack: string[] = [];
	let inString = false;
	for (let at = 0; at < json.length; at++) {
		const character = json[at];
		if (inString) {
			if (character === '\\') at++;
			else if (character === '"') inString = false;
			continue;
		}

		if (character === '"') inString = true;
		else if (character === '{' || character === '[') stack.push(character);
		else if (character === '}' || character === ']') stack.pop();
		else if (comments && character === '/' && json[at + 1] === '/') at = json.indexOf('\n', at) === -1 ? json.length : json.indexOf('\n', at);
		else if (comments && character === '/' && json[at + 1] === '*') at = json.indexOf('*/', at) === -1 ? json.length : json.indexOf('*/', at) + 1;
	}

	if (inString) return 'a string is left open';
	return stack.length > 0 ? `a ${stack.at(-1)} is left open` : undefined;
}
