// Starts the app from unreturned-promise.ts on a free port, for the test.
import type { AddressInfo } from 'node:net';
import { createApp } from './unreturned-promise.ts';

const server = createApp().listen(0, () => {
  console.log(`listening on http://localhost:${(server.address() as AddressInfo).port}`);
});
