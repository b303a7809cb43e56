/*
Distinct counts for the diversity figures: exact (a Set of 32-bit hashes) up to `exactLimit`
values, then a HyperLogLog sketch (Flajolet et al. 2007) with 2^precision registers: about
1.04 / sqrt(2^precision) relative error (0.8% at precision 14), in 16 KB whatever the count.
*/
import {mix32} from './text.js';

/** A counter's contents, to hand from one worker to another (typed arrays, transferable). */
export type DistinctState = {exact: Uint32Array | undefined; size: number; hasZero: boolean; registers: Uint8Array | undefined};

export class DistinctCounter {
	/** The exact set: open addressing over 32-bit values (0 is kept apart: it marks an empty slot). */
	private exact: Uint32Array | undefined = new Uint32Array(1024);
	/** 32 − log2 of the exact set's slots: a value's first slot is the top bits of its Fibonacci hash (one multiply; the values are hashes already). */
	private shift = 22;
	private size = 0;
	private hasZero = false;
	private registers: Uint8Array | undefined;

	constructor(private readonly precision = 14, private readonly exactLimit = 1 << 18) {}

	add(hash: number) {
		const exact = this.exact;
		if (!exact) {
			this.addToSketch(hash);
			return;
		}

		const value = hash >>> 0;
		if (value === 0) {
			if (!this.hasZero) this.size++;
			this.hasZero = true;
			return;
		}

		const mask = exact.length - 1;
		let slot = Math.imul(value, 0x9E_37_79_B1) >>> this.shift;
		while (exact[slot] !== 0) {
			if (exact[slot] === value) return;
			slot = (slot + 1) & mask;
		}

		exact[slot] = value;
		if (++this.size > this.exactLimit) this.toSketch();
		else if (this.size * 2 > exact.length) this.grow();
	}

	state(): DistinctState {
		return {exact: this.exact, size: this.size, hasZero: this.hasZero, registers: this.registers};
	}

	/** Adds the values another counter (of the same precision) has seen: the same as having seen them here. */
	merge(other: DistinctState) {
		if (other.exact) {
			for (const value of other.exact) if (value !== 0) this.add(value);
			if (other.hasZero) this.add(0);
			return;
		}

		if (this.exact) this.toSketch();
		const registers = this.registers!;
		const theirs = other.registers!;
		for (let index = 0; index < registers.length; index++) if (theirs[index] > registers[index]) registers[index] = theirs[index];
	}

	/** Whether the count is exact (not an estimate). */
	get isExact(): boolean {
		return this.exact !== undefined;
	}

	private grow() {
		const old = this.exact!;
		const exact = new Uint32Array(old.length * 2);
		const mask = exact.length - 1;
		this.shift--;
		for (const value of old) {
			if (value === 0) continue;
			let slot = Math.imul(value, 0x9E_37_79_B1) >>> this.shift;
			while (exact[slot] !== 0) slot = (slot + 1) & mask;
			exact[slot] = value;
		}

		this.exact = exact;
	}

	private toSketch() {
		this.registers = new Uint8Array(1 << this.precision);
		for (const value of this.exact!) if (value !== 0) this.addToSketch(value);
		if (this.hasZero) this.addToSketch(0);
		this.exact = undefined;
	}

	count(): number {
		if (this.exact) return this.size;
		const registers = this.registers!;
		const m = registers.length;
		let sum = 0;
		let zeros = 0;
		for (const register of registers) {
			sum += 2 ** -register;
			if (register === 0) zeros++;
		}

		const alpha = 0.7213 / (1 + 1.079 / m);
		const estimate = (alpha * m * m) / sum;
		if (estimate <= 2.5 * m && zeros > 0) return Math.round(m * Math.log(m / zeros));
		const two32 = 4_294_967_296;
		if (estimate > two32 / 30) return Math.round(-two32 * Math.log(1 - estimate / two32));
		return Math.round(estimate);
	}

	private addToSketch(value: number) {
		const hash = mix32(value);
		const index = hash >>> (32 - this.precision);
		const rest = (hash << this.precision) >>> 0;
		const rank = Math.min(32 - this.precision, Math.clz32(rest)) + 1;
		if (rank > this.registers![index]) this.registers![index] = rank;
	}
}
