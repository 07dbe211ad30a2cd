import type { AddressInfo } from 'node:net';
import sesEmulator from 'aws-ses-v2-local';

// A CommonJS module with `exports.default`: under Node's ESM loader the function is one level down.
const startSesServer = (sesEmulator as unknown as { default?: typeof sesEmulator }).default ?? sesEmulator;

export interface LocalSes {
  /** The SES API endpoint the SDK is pointed at; its page is the mail viewer. */
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * SES offline: aws-ses-v2-local speaks the SES v2 API (the notifier's SDK client talks to it
 * unchanged) and shows every email it received in a web viewer at its root URL.
 */
export async function startLocalSes(options: { port?: number } = {}): Promise<LocalSes> {
  const server = await startSesServer({ host: '127.0.0.1', port: options.port ?? 0 });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((stopped) => server.close(() => stopped())),
  };
}
