/*
Typed arrays cut from shared buffers ("arenas"): a typed array with a buffer of its own costs more
than a text's tokenizing or a sample's shingles, a view into a shared buffer little. An arena is never
reused (a full one is replaced), so a view stays valid however long it is kept; an arena goes when no
view into it is left, so what is kept long and scattered (a sample's shingles in the near-duplicate
check's cache) is better in a buffer of its own. tokenize's words are cut from here.
*/

const arenaBytes = 256 * 1024;
let arena = new ArrayBuffer(arenaBytes);
let arenaUsed = 0;

/** Where the last arenaSpace call's bytes are: a buffer and an offset into it (one object, used again: no allocation per call). */
export const space = {buffer: arena, at: 0};

/** Sets `space` to `bytes` bytes (a multiple of 4) no view holds: in the current arena, or a buffer of their own when large. */
export function arenaSpace(bytes: number) {
	if (bytes > arenaBytes / 8) {
		space.buffer = new ArrayBuffer(bytes);
		space.at = 0;
		return;
	}

	if (arenaUsed + bytes > arenaBytes) {
		arena = new ArrayBuffer(arenaBytes);
		arenaUsed = 0;
	}

	space.buffer = arena;
	space.at = arenaUsed;
	arenaUsed += bytes;
}
