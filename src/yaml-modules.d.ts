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
// The published-file layouts (layouts/*.yaml) as data, checked and in their order when sit is built
// (scripts/layout-files.mjs).
declare module 'sit:layouts' {
  const files: { file: string; data: import('./io/layout-file.js').LayoutFile }[];
  export default files;
}
// The preset registry (presets/index.yaml), made a module by scripts/presets-module.mjs.
declare module 'sit:preset-texts' {
  export const PRESETS: Record<string, string>;
  export const PRESET_VALUES: Record<string, string>;
}

declare module 'sit:presets' {
  export const PRESET_CONFIGS: Record<string, string>;
  export const DEFAULT_PRESET: string;
  export const SHIPPED_TERMS: { name: string; checked: string };
}
