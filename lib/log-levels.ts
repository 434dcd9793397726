/** pino's levels, most severe first; LOG_LEVEL picks one (lib/env.ts, lib/log.ts). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]
