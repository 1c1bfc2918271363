/**
 * TabSeparated rows written straight into bytes as they are built. A batch's rows live until its
 * insert; kept as JS strings they survive every young-generation collection in between (copied
 * each time) and are then joined into one more string and copied again into a Buffer. Here each
 * row string dies at once, and the insert body is a view of this buffer.
 */
export class RowBuffer {
  private buf: Buffer;
  private used = 0;
  /** Where each row ends, in bytes. */
  private readonly ends: number[] = [];

  constructor(initialBytes = 64 * 1024) {
    this.buf = Buffer.allocUnsafe(initialBytes);
  }

  get rows(): number {
    return this.ends.length;
  }

  push(row: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 code unit.
    const need = this.used + row.length * 3;
    if (need > this.buf.length) {
      const next = Buffer.allocUnsafe(Math.max(need, this.buf.length * 2));
      this.buf.copy(next, 0, 0, this.used);
      this.buf = next;
    }
    this.used += this.buf.write(row, this.used, 'utf8');
    this.ends.push(this.used);
  }

  /** Every row: a view, no copy. */
  bytes(): Buffer {
    return this.buf.subarray(0, this.used);
  }

  /** The rows at these indexes, in the order given. */
  pick(indexes: readonly number[]): Buffer {
    if (indexes.length === this.ends.length && indexes.every((x, i) => x === i)) return this.bytes();
    return Buffer.concat(indexes.map((i) => this.buf.subarray(i === 0 ? 0 : this.ends[i - 1], this.ends[i])));
  }
}
