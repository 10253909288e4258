// What the rest of the product uses from the remote area.
export { RemoteBackend, toBody, type ConnectionInfo, type RemoteBackendOptions } from './remoteBackend';
export { RemoteClient, normalizeEndpoint, DEFAULT_CLIENT_OPTIONS, type ClientOptions, type HealthResult } from './client';
export { describeRemoteError, RemoteError } from './remoteErrors';
export { HealthPoller } from './healthPoller';
export * from './protocol';
