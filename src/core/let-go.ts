// Frees the memory of typed arrays a computation is done with, now rather than at the collector's
// next full collection (issue 13: memory). A typed array's bytes live outside V8's heap and are
// freed when its buffer is collected; the year's columns live long enough to be moved to the old
// generation, which a run as long as England's calendar may not collect again before it ends, so
// they stayed held (~20 MB for a million occurrences) while the output was written. Handing the
// buffers to structuredClone's transfer leaves each array empty (length 0) and its bytes with a
// new buffer that nothing keeps, freed at the next minor collection.

/** Empties each array, letting go of its bytes; none may be read again. Each must own its whole buffer. */
export function letGo(arrays: readonly ArrayBufferView[]): void {
  const buffers = [...new Set(arrays.map((a) => a.buffer))].filter(
    (b): b is ArrayBuffer => b instanceof ArrayBuffer && b.byteLength > 0,
  );
  if (buffers.length > 0) structuredClone(buffers, { transfer: buffers });
}
