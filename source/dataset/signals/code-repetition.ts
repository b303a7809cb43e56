import {tokenize} from './text.js';

/*
Code and program output repeat by nature: five "ping" lines a bash loop prints, three print() calls that
differ in one argument, a column of similar INSERTs. Inside a fenced code block, and in a program's output
shown right after one (an "Output:" line and the lines under it, up to a blank line), lines are judged by
one rule of their own: a loop is a line, or a cycle of up to four lines, back to back `codeLoopCopies` times
or more — a model looping inside a code block writes dozens — or `cutCodeLoopCopies` times at the end of a
block left open (a loop the length limit stopped). A very long line in a block is judged as prose is. The
rest of the response (its prose, each block a line of its own, so identical blocks repeat as lines do) is
judged by the usual rules. Only a response the usual rules already flag is read this way (most are not).
*/

/** Back-to-back copies of a line or cycle of lines in a code block that make a loop. */
export const codeLoopCopies = 16;
/** The same at the end of a code block the response leaves open. */
export const cutCodeLoopCopies = 8;
const longLine = 200;

const fenceLine = /^[ \t]{0,3}(`{3,}|~{3,})/;
const outputLabel = /^\s*(?:#+\s*)?(?:\*\*)?(?:sample |example |expected |console |program )?(?:output|result|results|prints?|stdout|console|résultat|sortie|salida|resultado|saída|ausgabe|ergebnis|uscita|вывод|результат|输出|輸出|结果|出力|実行結果|출력|결과)(?:\*\*)?\s*[:：]?(?:\*\*)?\s*$/iu;

export type CodeSplit = {prose: string; blocks: Array<{lines: string[]; open: boolean}>};

/** The response's fenced blocks and the output shown after them, and its prose with each block as one line. */
export function splitCode(response: string): CodeSplit {
	const lines = response.split('\n');
	const prose: string[] = [];
	const blocks: CodeSplit['blocks'] = [];
	let index = 0;
	let afterCode = false;
	while (index < lines.length) {
		const line = lines[index]!;
		const fence = fenceLine.exec(line);
		if (fence) {
			const body: string[] = [];
			let end = index + 1;
			while (end < lines.length && !new RegExp(`^[ \\t]{0,3}${fence[1]![0] === '`' ? '`' : '~'}{${fence[1]!.length},}[ \\t]*$`).test(lines[end]!)) body.push(lines[end++]!);
			blocks.push({lines: body, open: end >= lines.length});
			prose.push(`\u27E6code ${hashLines(body)}\u27E7`);
			index = end + 1;
			afterCode = true;
			continue;
		}

		if (afterCode && outputLabel.test(line) && !fenceLine.test(lines[index + 1] ?? '')) {
			const body: string[] = [];
			let end = index + 1;
			while (end < lines.length && lines[end]!.trim() !== '' && !fenceLine.test(lines[end]!)) body.push(lines[end++]!);
			prose.push(line, `\u27E6output ${hashLines(body)}\u27E7`);
			blocks.push({lines: body, open: false});
			index = end;
			continue;
		}

		if (line.trim() !== '' && !outputLabel.test(line)) afterCode = false;
		prose.push(line);
		index++;
	}

	return {prose: prose.join('\n'), blocks};
}

function hashLines(lines: readonly string[]): string {
	let hash = 0x81_1C_9D_C5;
	for (const line of lines) for (let at = 0; at < line.length; at++) hash = Math.imul(hash ^ line.charCodeAt(at), 0x01_00_01_93);
	return (hash >>> 0).toString(36);
}

/** The most back-to-back copies of one line or cycle of up to four lines (blank lines aside), with the copied unit. */
export function longestLineLoop(lines: readonly string[], atEnd = false): {copies: number; unit: string} {
	const kept = lines.map(line => line.trim()).filter(line => line !== '');
	let best = {copies: 1, unit: ''};
	for (let period = 1; period <= 4; period++) {
		let run = 0;
		for (let at = period; at < kept.length; at++) {
			run = kept[at] === kept[at - period] ? run + 1 : 0;
			const copies = Math.floor(run / period) + 1;
			if (copies > best.copies && (!atEnd || at === kept.length - 1)) best = {copies, unit: kept.slice(at - period + 1, at + 1).join(' ⏎ ')};
		}
	}

	return best;
}

/**
 * The response judged with its code apart (see above): the reason for a loop in a block, or what `judge`
 * (the usual rules) says of the prose and of a block's very long lines, or undefined.
 */
export function codeAwareFinding<F>(response: string, judge: (text: string, tokens: ReturnType<typeof tokenize>) => F | undefined, codeLoop: (copies: number, unit: string) => F): F | undefined {
	const {prose, blocks} = splitCode(response);
	for (const block of blocks) {
		const loop = longestLineLoop(block.lines);
		if (loop.copies >= codeLoopCopies) return codeLoop(loop.copies, loop.unit);
		if (block.open) {
			const end = longestLineLoop(block.lines, true);
			if (end.copies >= cutCodeLoopCopies) return codeLoop(end.copies, end.unit);
		}

		for (const line of block.lines) {
			if (line.length < longLine) continue;
			const finding = judge(line, tokenize(line));
			if (finding !== undefined) return finding;
		}
	}

	return prose.trim() === '' ? undefined : judge(prose, tokenize(prose));
}
