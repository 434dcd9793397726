'use client'
// Choosing a filter in the phone's filter sheet loads the filtered page, whose sheet starts closed.
// So that a shopper can pick brand, then size, then colour, the sheet opens again after such a
// choice, when the new page mounts. Only for a few seconds: a later visit starts closed.
import { useEffect } from 'react'

const KEY = 'lookbook:reopen-sheet'
const WITHIN_MS = 5_000

export function KeepSheetOpen({ id }: { id: string }) {
  useEffect(() => {
    const sheet = document.getElementById(id)
    if (!sheet) return
    const asked = readAndForget()
    if (asked?.id === id && Date.now() - asked.at < WITHIN_MS && !sheet.matches(':popover-open')) {
      // The sheet is a popover on phones only; wider screens show the filters beside the list.
      if (window.matchMedia('(max-width: 899px)').matches) sheet.showPopover()
    }
    const remember = (event: MouseEvent) => {
      if ((event.target as Element).closest('a') && sheet.matches(':popover-open')) {
        try {
          sessionStorage.setItem(KEY, JSON.stringify({ id, at: Date.now() }))
        } catch {
          // Storage blocked (private mode, some in-app browsers): the sheet simply starts closed.
        }
      }
    }
    sheet.addEventListener('click', remember)
    return () => sheet.removeEventListener('click', remember)
  }, [id])
  return null
}

function readAndForget(): { id: string; at: number } | null {
  try {
    const asked = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as { id: string; at: number } | null
    sessionStorage.removeItem(KEY)
    return asked
  } catch {
    return null
  }
}
