// An unexpected console.error is a bug the test did not look for: fail the test.
// A test that expects one replaces console.error itself (vi.spyOn(console, 'error')).
import { afterEach, beforeEach, expect } from 'vitest'

let errors: unknown[][] = []
const original = console.error

beforeEach(() => {
  errors = []
  console.error = (...args: unknown[]) => {
    errors.push(args)
    original(...args)
  }
})

afterEach(() => {
  const seen = errors
  console.error = original
  expect(seen, 'console.error was called').toEqual([])
})
