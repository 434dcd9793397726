import 'server-only'
// Uploads under way (lib/media/uploads.ts), one row each from start to completion. They live in the
// database rather than the KV because an upload's three steps may reach three instances, and the KV
// serves from one process's memory whenever Redis is slow: a ticket written there is missing on
// every other instance. Times are passed in from the caller's clock, which the expiry tests fake.
import { prisma } from '@/lib/db/client'

export type UploadTicket = { id: string; editorId: string; name: string; bytes: number; expiresAt: Date }

/** How long one request may hold a ticket while it checks and records the image. */
const CLAIM_MS = 60_000

export async function openUploadTicket(ticket: UploadTicket): Promise<void> {
  await prisma().uploadTicket.create({ data: ticket })
}

/** The ticket while it is open (not expired), or null. */
export async function findOpenUploadTicket(id: string, now: Date): Promise<UploadTicket | null> {
  return prisma().uploadTicket.findFirst({
    where: { id, expiresAt: { gt: now } },
    select: { id: true, editorId: true, name: true, bytes: true, expiresAt: true },
  })
}

/**
 * Takes the ticket for one completing request: true for exactly one of two requests that complete
 * the same upload at once. A claim lapses after a minute, so a request that died holding it does not
 * keep the upload from ever completing.
 */
export async function claimUploadTicket(id: string, now: Date): Promise<boolean> {
  const { count } = await prisma().uploadTicket.updateMany({
    where: { id, expiresAt: { gt: now }, OR: [{ claimedUntil: null }, { claimedUntil: { lte: now } }] },
    data: { claimedUntil: new Date(now.getTime() + CLAIM_MS) },
  })
  return count === 1
}

/** Gives a claimed ticket back, so the same request can be sent again (storage or database was down). */
export async function releaseUploadTicket(id: string): Promise<void> {
  await prisma().uploadTicket.updateMany({ where: { id }, data: { claimedUntil: null } })
}

export async function closeUploadTicket(id: string): Promise<void> {
  await prisma().uploadTicket.deleteMany({ where: { id } })
}

/** Forgets tickets that expired before `before`: an abandoned upload's row goes with its bytes. */
export async function sweepUploadTickets(before: Date): Promise<void> {
  await prisma().uploadTicket.deleteMany({ where: { expiresAt: { lt: before } } })
}
