import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The SPA is served by the BFF under any base path (it injects `<base href>`), so every asset
 * URL is relative. noVNC has a top-level `await` and ships ESM only: build for es2022 and never
 * pre-bundle it.
 */
export default defineConfig({
  base: './',
  plugins: [react()],
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 800,
  },
  optimizeDeps: { exclude: ['@novnc/novnc'] },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:8080', ws: true, changeOrigin: false } },
  },
});
