export function postinstall(steps?: {
  native?: () => Promise<number>;
  build?: () => Promise<number>;
  log?: (line: string) => void;
}): Promise<number>;
