import { defineConfig } from 'vite';

// Relative asset paths: the same dist/ works at the local host's root and on the Static Web App.
export default defineConfig({
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 800,
  },
  server: {
    // `npm run dev` talks to a local host on the default port.
    proxy: { '/api': 'http://127.0.0.1:7071' },
  },
});
