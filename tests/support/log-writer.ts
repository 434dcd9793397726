// A process writing many log lines of mixed lengths through the batched output, as each worker of
// a server does (tests/unit/log-output.test.ts runs several at once on one pipe).
import { batchedLineOutput } from '@/lib/log-output'

const [writer = 'w', count = '5000'] = process.argv.slice(2)
// Patient with the test's slow reader on a busy machine: this test is about whole lines, not drops.
const output = batchedLineOutput(1, { flushEveryMs: 5, giveUpAfterMs: 30_000 })
for (let n = 0; n < Number(count); n++) {
  output.write(`${JSON.stringify({ writer, n, pad: 'x'.repeat((n * 37) % 900) })}\n`)
  if (n % 500 === 0) await new Promise((resolve) => setImmediate(resolve))
}
process.exit(0) // what waits is written on exit
