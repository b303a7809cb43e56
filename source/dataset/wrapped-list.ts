/*
A file that is one JSON object holding its samples in a list ({"version": "1.0", "data": [{…}, …]}, as SQuAD
and many exports write them) is not JSON Lines; the reader does not unwrap it (its entries are found by their
byte spans in the file, for millions of samples: a list inside an object would be a third way of reading).
wrappedListKey finds the list's key in the file's head so the message can say how to write it one sample a line.
*/
import {closeSync, openSync, readSync} from 'node:fs';

/** How much of the file's head is looked through for the list's key. */
const headBytes = 1 << 20;

/** The key of the first list of objects right inside the top-level object that opens the text, if any. */
export function listKeyIn(head: string): string | undefined {
	let depth = 0;
	let lastString: string | undefined;
	let afterColon = false;
	for (let at = 0; at < head.length; at++) {
		const char = head[at];
		if (char === '"') {
			const start = at;
			for (at++; at < head.length && head[at] !== '"'; at++) if (head[at] === '\\') at++;
			if (depth === 1 && !afterColon) lastString = head.slice(start, at + 1);
			afterColon = false;
			continue;
		}

		if (/\s/.test(char)) continue;
		if (depth === 0 && char !== '{') return undefined;
		if (char === ':' && depth === 1) {
			afterColon = true;
			continue;
		}

		if (char === '[' && depth === 1 && afterColon && lastString !== undefined && /^\s*\{/.test(head.slice(at + 1, at + 4096))) {
			try {
				return JSON.parse(lastString) as string;
			} catch {
				return undefined;
			}
		}

		afterColon = false;
		if (char === '{' || char === '[') depth++;
		else if (char === '}' || char === ']') depth--;
	}

	return undefined;
}

export function wrappedListKey(path: string): string | undefined {
	let fd: number | undefined;
	try {
		fd = openSync(path, 'r');
		const buffer = Buffer.alloc(headBytes);
		const read = readSync(fd, buffer, 0, headBytes, 0);
		return listKeyIn(buffer.subarray(0, read).toString('utf8').replace(/^\uFEFF/, ''));
	} catch {
		return undefined;
	} finally {
		if (fd !== undefined) closeSync(fd);
	}
}

/** jq's path to the list: .data, or .["a key"] for a key that is not a plain name. */
function jqPath(key: string): string {
	return /^[A-Za-z_]\w*$/.test(key) ? `.${key}` : `.[${JSON.stringify(key)}]`;
}

function shellWord(text: string): string {
	return /^[\w./-]+$/.test(text) ? text : `'${text.replaceAll('\'', '\'\\\'\'')}'`;
}

/** What to say of such a file: one sentence, with the jq command that writes it as JSON Lines. */
export function wrappedListMessage(path: string, key: string): string {
	const output = `${path.replace(/\.json$/i, '')}.jsonl`;
	return `${path} is one JSON object holding its samples in a list under "${key}", not JSON Lines: write them one a line with jq -c '${jqPath(key).replaceAll('\'', '\'\\\'\'')}[]' ${shellWord(path)} > ${shellWord(output)} and open that.`;
}
