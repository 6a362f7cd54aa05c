import module from 'node:module';

// V8's compiled code of the bundle's chunks kept on disk between runs (Node 22.1 and later; a
// no-op before): a restart or the next command does not compile again what ran last time. It
// applies to what loads after it, i.e. every command (commands are imported when they run).
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
