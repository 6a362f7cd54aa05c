/** One language's messages, emitted by scripts/vite-messages.ts. */
declare module 'virtual:dosedesk-messages/*' {
  const messages: Record<string, string>;
  export default messages;
}
