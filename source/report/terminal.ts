/** What the terminal (or pipe) that will show a report can display. */
export type TerminalCapabilities = {
	/** Unicode block characters for bars (▏▎▍▌▋▊▉█); false means ASCII only (#). */
	unicode: boolean;
	/** ANSI colour and bold. */
	color: boolean;
	/** Columns available; Infinity when the report goes to a file or pipe (lines are written whole). */
	width: number;
};

/**
 * Unicode unless TERM=dumb or the locale (LC_ALL, else LC_CTYPE, else LANG) is set and does not say
 * UTF-8 (C, POSIX, en_US.ISO-8859-1, …). With no locale variable at all we assume a modern UTF-8
 * terminal. Colour only on a terminal, never under NO_COLOR, TERM=dumb or FORCE_COLOR=0.
 * Width: COLUMNS when set to a positive number (at least 40), else the terminal's columns (40 to 160),
 * else, when the output is a file or a pipe, unbounded: full lines, nothing cut.
 */
export function terminalCapabilities(env: NodeJS.ProcessEnv, stream: {isTTY?: boolean; columns?: number}): TerminalCapabilities {
	const dumb = env.TERM === 'dumb';
	const locale = [env.LC_ALL, env.LC_CTYPE, env.LANG].find(value => value !== undefined && value !== '');
	const unicode = !dumb && (locale === undefined || /utf-?8/i.test(locale));
	const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
	const color = stream.isTTY === true && !noColor && !dumb && env.FORCE_COLOR !== '0';
	return {unicode, color, width: reportWidth(env, stream)};
}

function reportWidth(env: NodeJS.ProcessEnv, stream: {isTTY?: boolean; columns?: number}): number {
	const fromEnv = /^\s*\d+\s*$/.test(env.COLUMNS ?? '') ? Number(env.COLUMNS) : 0;
	if (fromEnv > 0) return Math.max(40, fromEnv);
	if (stream.isTTY !== true) return Number.POSITIVE_INFINITY;
	const columns = typeof stream.columns === 'number' && stream.columns > 0 ? stream.columns : 80;
	return Math.max(40, Math.min(columns, 160));
}
