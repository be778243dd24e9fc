/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath, URL } from 'node:url';

// The backend a `npm run dev` session talks to; override with CAIRN_API=http://host:port.
const backend = process.env.CAIRN_API ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    // The API, and the embedded OpenID provider with its sign-in page (same origin, so the browser keeps one session).
    proxy: {
      '/api': backend,
      '/actuator': backend,
      '/v3': backend,
      '/.well-known': backend,
      '/oauth2': backend,
      '/login': backend,
      '/logout': backend,
      '/connect': backend,
      '/userinfo': backend,
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 800,
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/testing/setup.ts'],
    css: false,
    restoreMocks: true,
    // A test waits up to 4 s per step (testing/setup.ts); several steps on a busy 2-core machine need more than 5 s.
    testTimeout: 15_000,
  },
});
