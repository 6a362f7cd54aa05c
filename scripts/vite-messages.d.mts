import type { Plugin } from 'vite';

export function messagesPerLanguage(): Plugin;
