/** What of an error crosses to another thread: its name and message (postMessage does not carry its class). */
export function errorInfo(error: unknown): { name: string; message: string } {
  return error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };
}
