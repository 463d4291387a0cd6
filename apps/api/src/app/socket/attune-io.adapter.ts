import { IoAdapter } from '@nestjs/platform-socket.io';
import type { ServerOptions } from 'socket.io';
import { TRANSPORT_MAX_BYTES } from '@attune/protocol';

/**
 * socket.io drops the connection when a message exceeds maxHttpBufferSize. Allowing a
 * margin above the frame cap lets an oversized frame reach its handler and get a typed
 * PAYLOAD_TOO_LARGE ack instead of a disconnect.
 */
export class AttuneIoAdapter extends IoAdapter {
  override createIOServer(port: number, options?: ServerOptions) {
    return super.createIOServer(port, {
      ...options,
      maxHttpBufferSize: TRANSPORT_MAX_BYTES,
    });
  }
}
