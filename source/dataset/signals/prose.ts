/*
The prose of a response: what is left once code is taken out. Fenced code blocks (an unclosed one runs
to the end), inline `code`, indented code lines, and lines that read as code or markup (assignments,
calls, f-strings, template literals, comments, closing tags) are dropped, so that template holes,
TODO notes and the like are only looked for where a reader would see them as text.
*/

const fencedBlock = /^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^[ \t]{0,3}\1[ \t]*$|(?![\s\S]))/gm;
const inlineCode = /`[^`\n]+`/g;
const indented = /^(?: {4}|\t)/;
const codeLine = new RegExp([
	String.raw`^\s*(?:def |class |function\b|const |let |var |import |from \S+ import|return\b|print\(|console\.|#include|#!|public |private |package |using |if\s*\(|for\s*\(|while\s*\(|\/\/|\/\*|\*\/|<\?|\$ |>>> )`,
	String.raw`(?:[;{]|^\s*\})\s*$`, '=>', String.raw`\bf["']`, String.raw`\.format\(`, String.raw`\$\{`, String.raw`[\w\])]\([^)]*\)`, '==', String.raw`(?<![=!<>])=(?!=)`, '</', String.raw`\{%|%\}`,
].join('|'));

/** The lines of a response that are prose, joined by newlines. */
export function proseOf(response: string): string {
	const lines = response.replace(fencedBlock, '\n').replace(inlineCode, ' ').split('\n');
	return lines.filter(line => !indented.test(line) && !codeLine.test(line)).join('\n');
}
