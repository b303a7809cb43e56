/** Disjoint sets over 0 … size-1 in one typed array (path halving, union by index: the smaller index is the root). */
export class UnionFind {
	private readonly parent: Int32Array;

	constructor(size: number) {
		this.parent = new Int32Array(size);
		for (let i = 0; i < size; i++) this.parent[i] = i;
	}

	find(item: number): number {
		const {parent} = this;
		let current = item;
		while (parent[current] !== current) {
			parent[current] = parent[parent[current]];
			current = parent[current];
		}

		return current;
	}

	/** Joins the two sets; returns false when they were one already. */
	union(first: number, second: number): boolean {
		const a = this.find(first);
		const b = this.find(second);
		if (a === b) return false;
		if (a < b) this.parent[b] = a;
		else this.parent[a] = b;
		return true;
	}
}
