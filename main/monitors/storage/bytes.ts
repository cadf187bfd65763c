/** Little helpers for the packed storage formats: unsigned LEB128 varints and raw bytes. */
export class ByteWriter {
  private buf = Buffer.allocUnsafe(64);
  private len = 0;

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + n));
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }

  u8(v: number): this {
    this.ensure(1);
    this.buf[this.len++] = v & 0xff;
    return this;
  }

  uvarint(v: number): this {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`uvarint out of range: ${v}`);
    this.ensure(10);
    while (v >= 0x80) {
      this.buf[this.len++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.len++] = v;
    return this;
  }

  f64(v: number): this {
    this.ensure(8);
    this.buf.writeDoubleLE(v, this.len);
    this.len += 8;
    return this;
  }

  toBuffer(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.len));
  }
}

export class ByteReader {
  private pos = 0;
  constructor(private readonly buf: Uint8Array) {}

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  u8(): number {
    if (this.pos >= this.buf.length) throw new RangeError('truncated block');
    return this.buf[this.pos++]!;
  }

  uvarint(): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      const b = this.u8();
      result += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) return result;
      scale *= 0x80;
    }
    throw new RangeError('varint too long');
  }

  f64(): number {
    if (this.pos + 8 > this.buf.length) throw new RangeError('truncated block');
    const v = Buffer.from(this.buf.buffer, this.buf.byteOffset + this.pos, 8).readDoubleLE(0);
    this.pos += 8;
    return v;
  }
}
