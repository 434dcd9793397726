// Runs once when the server starts. The work is Node-only, so it lives in a module that is only
// loaded under the Node.js runtime.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs' && process.env.NEXT_PHASE !== 'phase-production-build') {
    const { startServer } = await import('./lib/server-start')
    await startServer()
  }
}
