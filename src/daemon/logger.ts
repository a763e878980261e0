// What the daemon's code needs from the main log; src/daemon/main-log.ts implements it.

export interface Logger {
  crit(message: string): void;
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
  trace(message: string): void;
  blather(message: string): void;
}
