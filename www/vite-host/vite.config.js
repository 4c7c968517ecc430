// A plain Vite production build: no plugin is needed for the package (`--target web`), because
// Vite bundles the `new URL('…_bg.wasm', import.meta.url)` that the glue uses as an asset.
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  logLevel: 'warn',
  build: { outDir: 'dist', emptyOutDir: true },
  // The dev server's dependency pre-bundling would rewrite import.meta.url; keep the package as is.
  optimizeDeps: { exclude: ['milvus-load-console'] },
});
