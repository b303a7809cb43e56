// Setup file of the unit project: a test there that starts a process (child_process or a pty)
// fails at once and says where it belongs, so the fast tier stays fast.
import {vi} from 'vitest';

function refuse(what: string) {
	return () => {
		throw new Error(`${what} in the unit project: a test file that starts processes imports node:child_process, node-pty or a helper that starts them (pty-process, cli-run, store-processes), and vitest.config.ts then runs it in the process project.`);
	};
}

vi.mock('node:child_process', async importOriginal => {
	const original = await importOriginal<typeof import('node:child_process')>();
	const starters = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const;
	const refused = Object.fromEntries(starters.map(name => [name, refuse(`child_process.${name}`)]));
	return {...original, ...refused, default: {...original, ...refused}};
});

vi.mock('node-pty', () => ({spawn: refuse('a pseudo-terminal (node-pty)')}));
