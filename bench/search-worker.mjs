// Worker entry: TypeScript loader for this thread (tsx's loader is registered per thread), then the worker.
import { register } from 'tsx/esm/api';

register();
await import('./search-worker.ts');
