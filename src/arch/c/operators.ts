// C's binary operators on values, shared by expressions and by herd7's
// atomic primitives that take an operator (`__atomic_op(X,+,V)`).

import { failAt, type SourcePos } from '../../errors.js';

/** A shift's count: 0 to 63 bits, as C defines shifts of litmus's 64-bit values; a located error otherwise. */
function shiftCount(count: bigint, pos: SourcePos): bigint {
  if (count < 0n || count > 63n) failAt(pos, `a shift by ${count} bits: C defines shifts by 0 to 63 bits of a 64-bit value only`);
  return count;
}

/** The function of a binary operator on values (comparisons give 1 or 0, as C does). */
export function binaryOperation(op: string, pos: SourcePos): (a: bigint, b: bigint) => bigint {
  const bool = (b: boolean) => (b ? 1n : 0n);
  const divisor = (b: bigint) => (b === 0n ? failAt(pos, 'division by zero') : b);
  switch (op) {
    case '+': return (a, b) => a + b;
    case '-': return (a, b) => a - b;
    case '*': return (a, b) => a * b;
    case '/': return (a, b) => a / divisor(b);
    case '%': return (a, b) => a % divisor(b);
    case '&': return (a, b) => a & b;
    case '|': return (a, b) => a | b;
    case '^': return (a, b) => a ^ b;
    case '&~': return (a, b) => a & ~b;
    case '<<': return (a, b) => a << shiftCount(b, pos);
    case '>>': return (a, b) => a >> shiftCount(b, pos);
    case '==': return (a, b) => bool(a === b);
    case '!=': return (a, b) => bool(a !== b);
    case '<': return (a, b) => bool(a < b);
    case '<=': return (a, b) => bool(a <= b);
    case '>': return (a, b) => bool(a > b);
    case '>=': return (a, b) => bool(a >= b);
    default: return failAt(pos, `'${op}' is no operator here`);
  }
}
