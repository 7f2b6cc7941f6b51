// The entry of dist/chunks.cjs (scripts/build.mjs): one loader of the chunks in its own folder,
// shared by dist/main.cjs and by the build's run that makes their code caches.
import { chunkLoader } from './chunk-loader.js';

export const { load: loadChunk, loaded: loadedChunks, codeCaches } = chunkLoader(__dirname);
