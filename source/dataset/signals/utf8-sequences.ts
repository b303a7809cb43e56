/* Reading bytes as UTF-8, for the mojibake tests: the valid multi-byte sequences a run of bytes holds. */

export type Sequence = {start: number; length: number; codePoint: number};

/** The valid multi-byte UTF-8 sequences in bytes, in order (a byte that starts none is skipped). */
export function utf8Sequences(bytes: number[]): Sequence[] {
	const found: Sequence[] = [];
	for (let at = 0; at < bytes.length;) {
		const lead = bytes[at]!;
		const length = lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
		if (length === 0 || at + length > bytes.length) {
			at++;
			continue;
		}

		const second = bytes[at + 1]!;
		const low = lead === 0xE0 ? 0xA0 : lead === 0xF0 ? 0x90 : 0x80;
		const high = lead === 0xED ? 0x9F : lead === 0xF4 ? 0x8F : 0xBF;
		let valid = second >= low && second <= high;
		for (let next = 2; valid && next < length; next++) valid = bytes[at + next]! >= 0x80 && bytes[at + next]! <= 0xBF;
		if (!valid) {
			at++;
			continue;
		}

		let codePoint = lead & (0xFF >> (length + 1));
		for (let next = 1; next < length; next++) codePoint = (codePoint << 6) | (bytes[at + next]! & 0x3F);
		found.push({start: at, length, codePoint});
		at += length;
	}

	return found;
}
