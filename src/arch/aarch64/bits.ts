// Fixed-width arithmetic on bigints: AArch64 values are 64-bit (X) or
// 32-bit (W) two's-complement patterns, kept unsigned in [0, 2^width).

/** All ones on the low `width` bits (width 0 to 64). */
export function mask(width: number): bigint {
  return (1n << BigInt(width)) - 1n;
}

/** The low `width` bits of `value`, as an unsigned number. */
export function truncate(value: bigint, width: number): bigint {
  return BigInt.asUintN(width, value);
}

/** The low `width` bits of `value` read as a signed number, as a 64-bit pattern. */
export function signExtend(value: bigint, width: number): bigint {
  return BigInt.asUintN(64, BigInt.asIntN(width, value));
}

/** The low `width` bits of `value` read as a signed number. */
export function signed(value: bigint, width: number): bigint {
  return BigInt.asIntN(width, value);
}

/** Rotate the low `width` bits of `value` right by `amount`. */
export function rotateRight(value: bigint, amount: number, width: number): bigint {
  const r = BigInt(amount % width);
  const v = truncate(value, width);
  return truncate((v >> r) | (v << (BigInt(width) - r)), width);
}

/** Reverse the order of the low `width` bits. */
export function reverseBits(value: bigint, width: number): bigint {
  let result = 0n;
  for (let i = 0; i < width; i++) result = (result << 1n) | ((value >> BigInt(i)) & 1n);
  return result;
}

/** Reverse the bytes inside each `chunk`-bit container of a `width`-bit value. */
export function reverseBytes(value: bigint, chunk: number, width: number): bigint {
  let result = 0n;
  for (let base = 0; base < width; base += chunk) {
    for (let byte = 0; byte < chunk / 8; byte++) {
      const b = (value >> BigInt(base + byte * 8)) & 0xffn;
      result |= b << BigInt(base + chunk - 8 - byte * 8);
    }
  }
  return result;
}
