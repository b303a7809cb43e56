// The baseline every figure is compared with: read the file sequentially with 4 MiB fs.read calls
// and count newlines. Prints the count. Run as its own process, timed from spawn to exit.
import {closeSync, openSync, readSync} from 'node:fs';

const fd = openSync(process.argv[2], 'r');
const buffer = Buffer.allocUnsafe(4 * 1024 * 1024);
let lines = 0;
for (;;) {
	const n = readSync(fd, buffer, 0, buffer.length, null);
	if (n === 0) break;
	let at = buffer.indexOf(10, 0);
	while (at !== -1 && at < n) {
		lines++;
		at = buffer.indexOf(10, at + 1);
	}
}

closeSync(fd);
process.stdout.write(`${lines}\n`);
