// A static server on 127.0.0.1 for the demo and the browser tests: the demo page, test pages, and routes a test
// adds (with headers such as a strict Content-Security-Policy). Nothing leaves the machine.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ROOT } from './build';

export interface Route {
  body: string | Buffer;
  type?: string;
  headers?: Record<string, string>;
}

export interface TestServer {
  origin: string;
  url(pathname: string): string;
  route(pathname: string, route: Route): void;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/** Folders served as they are, by URL prefix. */
const FOLDERS: Record<string, string> = {
  '/demo/': path.join(ROOT, 'assets/demo'),
  '/pages/': path.join(ROOT, 'tests/browser/pages'),
};

export async function startServer(extraFolders: Record<string, string> = {}, port = 0): Promise<TestServer> {
  const routes = new Map<string, Route>();
  const folders = { ...FOLDERS, ...extraFolders };
  const serve = async (request: IncomingMessage, response: ServerResponse) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const route = routes.get(pathname);
    if (route) {
      response.writeHead(200, { 'content-type': route.type ?? TYPES['.html']!, ...route.headers });
      response.end(route.body);
      return;
    }
    for (const [prefix, folder] of Object.entries(folders)) {
      if (!pathname.startsWith(prefix)) continue;
      let file = path.join(folder, pathname.slice(prefix.length));
      if (!file.startsWith(folder)) break;
      if (pathname.endsWith('/')) file = path.join(file, 'index.html');
      try {
        const body = await readFile(file);
        response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
        response.end(body);
        return;
      } catch {
        break;
      }
    }
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('Not found');
  };
  const server = createServer((request, response) => void serve(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (pathname) => origin + pathname,
    route: (pathname, route) => void routes.set(pathname, route),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
