import {Worker} from 'node:worker_threads';
import {describe, expect, it} from 'vitest';
import {signalsNice, signalsPriority} from '../source/dataset/signals/worker-priority.js';

describe('signals worker priority', () => {
	it('the first worker goes lower than the screen; a helper keeps the priority it inherits from it', () => {
		expect(signalsPriority(0, false)).toBe(signalsNice);
		expect(signalsPriority(signalsNice, true)).toBe(signalsNice);
		expect(signalsPriority(17, false)).toBe(19);
	});

	it.runIf(process.platform === 'linux')('a thread started by a lowered thread inherits its nice value (Linux)', async () => {
		// The worker lowers itself by 3, then starts one more thread, which reports its own priority.
		const code = `
			const {getPriority, setPriority} = require('node:os');
			const {Worker, parentPort} = require('node:worker_threads');
			const before = getPriority();
			setPriority(Math.min(19, before + 3));
			const inner = new Worker("require('node:worker_threads').parentPort.postMessage(require('node:os').getPriority())", {eval: true});
			inner.once('message', priority => parentPort.postMessage({before, lowered: getPriority(), inner: priority}));
		`;
		const worker = new Worker(code, {eval: true});
		const found = await new Promise<{before: number; lowered: number; inner: number}>((resolve, reject) => {
			worker.once('message', resolve);
			worker.once('error', reject);
		});
		await worker.terminate();
		expect(found.inner).toBe(found.lowered);
		expect(found.lowered).toBe(Math.min(19, found.before + 3));
	});
});
