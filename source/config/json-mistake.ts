/**
 * Where JSON text first goes wrong and what was expected there, for a message a person can act on
 * (Node 20's JSON.parse often gives neither a position nor a reason). Undefined if the text is valid.
 */
export function findJsonMistake(text: string): {line: number; column: number; problem: string} | undefined {
	let at = 0;
	const fail = (problem: string): never => {
		throw new Mistake(at, problem);
	};

	const space = () => {
		while (at < text.length && ' \t\n\r'.includes(text[at])) at++;
	};

	const found = () => (at >= text.length ? 'the end of the file' : `"${text[at]}"`);

	const string = () => {
		at++;
		while (at < text.length && text[at] !== '"') {
			if (text[at] === '\\') at++;
			else if (text.charCodeAt(at) < 0x20) fail('a line break or control character inside a string (write \\n)');
			at++;
		}

		if (at >= text.length) fail('a closing quote for this string');
		at++;
	};

	const value = (): void => {
		space();
		const c = text[at];
		if (c === '{') {
			at++;
			space();
			if (text[at] === '}') {
				at++;
				return;
			}

			for (;;) {
				space();
				if (text[at] !== '"') fail(`a field name in double quotes, found ${found()}${text[at] === '}' ? ' (no comma before a closing brace)' : ''}`);
				string();
				space();
				if (text[at] !== ':') fail(`":" after the field name, found ${found()}`);
				at++;
				value();
				space();
				if (text[at] === ',') {
					at++;
					continue;
				}

				if (text[at] === '}') {
					at++;
					return;
				}

				fail(`"," or "}", found ${found()}`);
			}
		}

		if (c === '[') {
			at++;
			space();
			if (text[at] === ']') {
				at++;
				return;
			}

			for (;;) {
				if (text[at] === ']') fail('a value, found "]" (no comma before a closing bracket)');
				value();
				space();
				if (text[at] === ',') {
					at++;
					space();
					continue;
				}

				if (text[at] === ']') {
					at++;
					return;
				}

				fail(`"," or "]", found ${found()}`);
			}
		}

		if (c === '"') {
			string();
			return;
		}

		const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(at, at + 64));
		if (literal) {
			at += literal[0].length;
			return;
		}

		fail(`a value (text in double quotes, a number, true, false, null, a list or an object), found ${found()}`);
	};

	try {
		space();
		if (text[at] === '\uFEFF') at++;
		value();
		space();
		if (at < text.length) fail(`the end of the file after the value, found ${found()}`);
		return undefined;
	} catch (error) {
		if (!(error instanceof Mistake)) throw error;
		const before = text.slice(0, error.at);
		return {line: before.split('\n').length, column: error.at - before.lastIndexOf('\n'), problem: `expected ${error.problem}`};
	}
}

class Mistake extends Error {
	constructor(readonly at: number, readonly problem: string) {
		super(problem);
	}
}
