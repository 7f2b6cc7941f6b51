declare module '*.yaml' {
  const text: string;
  export default text;
}
declare module '*.html' {
  const text: string;
  export default text;
}
declare module '*.md' {
  const text: string;
  export default text;
}
// Binary files embedded in the bundle (esbuild's binary loader; vitest.config.ts does the same).
declare module '*.wasm' {
  const bytes: Uint8Array;
  export default bytes;
}
declare module '*.ttf' {
  const bytes: Uint8Array;
  export default bytes;
}
