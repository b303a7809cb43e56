import {getPriority, setPriority} from 'node:os';

/** How much lower than the screen's thread the signals run (nice steps), so keys are served first. */
export const signalsNice = 5;

/**
 * The nice value a signals thread sets for itself: the first worker (started by the screen's thread)
 * goes `signalsNice` lower; a helper worker reading another stretch of the file is started by that
 * worker and on Linux inherits its nice value already, so it keeps it. Lowering it again (as every
 * signals thread did) put the helper 5 steps below the first worker: on a busy machine it got far less
 * CPU and the first worker waited for it (15 s of a 1M file's 65 s, profiled with other work running).
 */
export function signalsPriority(current: number, helper: boolean): number {
	return helper ? current : Math.min(19, current + signalsNice);
}

/** Sets this thread's priority as signalsPriority says (Linux only: elsewhere a priority is the whole process's). */
export function lowerSignalsPriority(helper: boolean) {
	if (process.platform !== 'linux') return;
	try {
		const current = getPriority();
		const wanted = signalsPriority(current, helper);
		if (wanted !== current) setPriority(wanted);
	} catch {}
}
