/** A min-heap of scheduled steps keyed by time, stored in typed arrays (a few bytes per entry). */
export class StepHeap {
  private t = new Float64Array(1024);
  private ref = new Float64Array(1024);
  private aux = new Float64Array(1024);
  size = 0;

  push(t: number, ref: number, aux: number) {
    if (this.size === this.t.length) this.grow();
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.t[p] <= t) break;
      this.set(i, this.t[p], this.ref[p], this.aux[p]);
      i = p;
    }
    this.set(i, t, ref, aux);
  }

  peekTime(): number {
    return this.size > 0 ? this.t[0] : Infinity;
  }

  pop(): { t: number; ref: number; aux: number } | undefined {
    if (this.size === 0) return undefined;
    const top = { t: this.t[0], ref: this.ref[0], aux: this.aux[0] };
    const last = --this.size;
    const lt = this.t[last],
      lr = this.ref[last],
      la = this.aux[last];
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= last) break;
      const c = l + 1 < last && this.t[l + 1] < this.t[l] ? l + 1 : l;
      if (this.t[c] >= lt) break;
      this.set(i, this.t[c], this.ref[c], this.aux[c]);
      i = c;
    }
    if (last > 0) this.set(i, lt, lr, la);
    return top;
  }

  private set(i: number, t: number, ref: number, aux: number) {
    this.t[i] = t;
    this.ref[i] = ref;
    this.aux[i] = aux;
  }

  private grow() {
    for (const k of ['t', 'ref', 'aux'] as const) {
      const next = new Float64Array(this[k].length * 2);
      next.set(this[k]);
      this[k] = next;
    }
  }
}
