// The protocol-neutral shape handlers receive and return; server.ts does the HTTP.
import type { Caller } from './credentials';
import type { AwsService } from './errors';

export interface ServiceRequest {
  service: AwsService;
  operation: string;
  /** From the SigV4 credential scope. */
  region: string;
  caller: Caller;
  body: Buffer;
  requestId: string;
}

export interface ServiceResponse {
  status: number;
  headers: Record<string, string>;
  /** Text is sent as UTF-8; a large response may come already encoded. */
  body: string | Buffer;
}
