// A Procfile's process types and their commands, as Heroku reads them: `<type>: <command>` per line.
import { readFileSync } from 'node:fs'
import path from 'node:path'

export function readProcfile(dir: string): Record<string, string> {
  const lines = readFileSync(path.join(dir, 'Procfile'), 'utf8')
    .split('\n')
    .filter((line) => line.includes(':'))
  return Object.fromEntries(
    lines.map((line) => [line.slice(0, line.indexOf(':')).trim(), line.slice(line.indexOf(':') + 1).trim()]),
  )
}
