// React without a plugin: esbuild (inside Vite) compiles the JSX with React's automatic runtime.
// Built in development mode so that React's StrictMode checks (mount, unmount, mount of every
// effect) run, as they do while a React team develops against the console.
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  mode: 'development',
  logLevel: 'warn',
  esbuild: { jsx: 'automatic' },
  define: { 'process.env.NODE_ENV': JSON.stringify('development') },
  build: { outDir: 'dist', emptyOutDir: true, minify: false, target: 'es2022' },
  // The dev server's dependency pre-bundling would rewrite import.meta.url; keep the package as is.
  optimizeDeps: { exclude: ['milvus-load-console'] },
});
