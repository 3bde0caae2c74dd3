/** What of an error crosses to another thread: its name and message (postMessage does not carry its class). */
export interface ErrorInfo {
  name: string;
  message: string;
}

export function errorInfo(error: unknown): ErrorInfo {
  return error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };
}

/** The error again on the receiving thread, by name and message (callers tell kinds apart by name). */
export function errorFromInfo(info: ErrorInfo): Error {
  return Object.assign(new Error(info.message), { name: info.name });
}
