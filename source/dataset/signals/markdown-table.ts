/*
Markdown tables in a response: a header row, a delimiter row (`|---|:---:|`) and the rows under it,
each holding a `|`. A table repeats on purpose — the same dose every day of the week, "9am | 5pm" in
every row — so the repetition rules judge a response without its tables, and its table rows only as
whole lines (repetition.ts).
*/

const delimiterRow = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$/;

/** The response with its tables' lines left out (empty lines in their place), or undefined when it has no table. */
export function withoutTables(response: string): string | undefined {
	if (!response.includes('|') || !/-[ \t]*\|/.test(response)) return undefined;
	const lines = response.split('\n');
	let found = false;
	for (let i = 1; i < lines.length; i++) {
		if (!lines[i - 1]!.includes('|') || !delimiterRow.test(lines[i]!)) continue;
		found = true;
		let end = i + 1;
		while (end < lines.length && lines[end]!.includes('|')) end++;
		for (let k = i - 1; k < end; k++) lines[k] = '';
		i = end;
	}

	return found ? lines.join('\n') : undefined;
}
