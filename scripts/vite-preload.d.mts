import type { Plugin } from 'vite';

export function preloadOnDemand(modules: readonly string[]): Plugin;
