// letGo (core/let-go.ts): typed arrays a computation is done with give up their bytes at once.
import { describe, expect, it } from 'vitest';
import { letGo } from '../../src/core/let-go.js';

describe('letGo', () => {
  it('empties each array and detaches its buffer, once for arrays that share one', () => {
    const a = new Int32Array(1000).fill(7);
    const b = new Uint16Array(10);
    const view = new Uint8Array(a.buffer, 0, 4);
    letGo([a, b, view]);
    expect([a.length, b.length, view.length]).toEqual([0, 0, 0]);
    expect([a.buffer.byteLength, b.buffer.byteLength]).toEqual([0, 0]);
  });

  it('leaves alone what it is not given, and takes an array already let go or empty', () => {
    const kept = new Float64Array([1.5, 2.5]);
    const gone = new Int32Array(4);
    letGo([gone]);
    letGo([gone, new Uint8Array(0)]);
    expect(Array.from(kept)).toEqual([1.5, 2.5]);
    expect(gone.length).toBe(0);
  });
});
