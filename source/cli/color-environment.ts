/**
 * chalk ignores NO_COLOR by design, so map it (and TERM=dumb, and a non-terminal stdout) to
 * FORCE_COLOR=0 before chalk is first imported.
 */
export function colorEnvironment(env: NodeJS.ProcessEnv, stdoutIsTty: boolean): NodeJS.ProcessEnv {
	const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
	if (noColor || env.TERM === 'dumb' || !stdoutIsTty) return {FORCE_COLOR: '0'};
	return {};
}
