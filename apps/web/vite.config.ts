import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The SPA builds into dist/web, which the API serves at `/` (apps/api/src/web/serve-web-app.ts).
// `npm run dev:web` proxies the API of `npm start` (port 3000, or API_ORIGIN).
const root = resolve(import.meta.dirname);

export default defineConfig({
  root,
  plugins: [react()],
  // The one server package the browser may import: pure money, budget and date code.
  resolve: { alias: { '@mptf/common': resolve(root, '../../libs/common/src') } },
  build: {
    outDir: resolve(root, '../../dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1600,
    rollupOptions: {
      output: {
        manualChunks: (id) =>
          id.includes('recharts') || id.includes('d3-') || id.includes('@mantine/charts')
            ? 'charts'
            : id.includes('node_modules')
              ? 'vendor'
              : undefined,
      },
    },
  },
  server: {
    proxy: {
      '/api': process.env.API_ORIGIN ?? 'http://localhost:3000',
      '/health': process.env.API_ORIGIN ?? 'http://localhost:3000',
    },
  },
});
