const eighths = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/**
 * A horizontal bar for `fraction` (0..1) of `width` cells: unicode blocks in eighths of a cell, or
 * '#' per whole cell (rounded) in ASCII. A non-zero fraction always shows at least a sliver, so a
 * small count is never mistaken for none.
 */
export function bar(fraction: number, width: number, unicode: boolean): string {
	if (!Number.isFinite(fraction) || fraction <= 0 || width <= 0) return '';
	const clamped = Math.min(1, fraction);
	if (!unicode) return '#'.repeat(Math.max(1, Math.round(clamped * width)));
	const units = Math.max(1, Math.round(clamped * width * 8));
	return '█'.repeat(Math.floor(units / 8)) + eighths[units % 8];
}
