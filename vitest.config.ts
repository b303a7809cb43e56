import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
		testTimeout: 60_000,
		hookTimeout: 60_000,
		// Many files drive the real binary in pseudo-terminals and kill it at random; run one file at a
		// time so they do not starve each other of the machine's two cores.
		fileParallelism: false,
	},
});
