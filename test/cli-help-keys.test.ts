// `winnow --help` lists every key of the review screen, from the binding table.
import {describe, expect, it} from 'vitest';
import {defaultBindings} from '../source/review/bindings.js';
import {showKeys} from '../source/review/keys.js';
import {runCli} from './helpers/cli-run.js';

describe('winnow --help', () => {
	it('lists every binding\'s keys and label', () => {
		const {status, stdout} = runCli(['--help']);
		expect(status).toBe(0);
		const help = stdout.replaceAll(/\s+/g, ' ');
		for (const binding of defaultBindings) expect(help, binding.name).toContain(`${showKeys(binding.keys, '/')} ${binding.label}`);
	});
});
